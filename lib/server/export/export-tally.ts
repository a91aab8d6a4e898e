import type { ExportRecord } from "@/lib/export/types";

/** Figures about the records actually written, gathered while they stream past (for the dataset card). */
export class ExportTally {
  records = 0;
  seeds = 0;
  readonly byRound = new Map<number, number>();
  readonly byOperation = new Map<string, number>();
  readonly byVerdict = new Map<string, number>();
  readonly byHumanStatus = new Map<string, number>();
  readonly byFailedRule = new Map<string, number>();
  /** Per reviewer email: their name and how many of the written records they decided. */
  readonly reviewers = new Map<string, { name: string; decisions: number }>();

  add(record: ExportRecord): void {
    this.records += 1;
    if (record.parentId === null) this.seeds += 1;
    bump(this.byRound, record.round);
    bump(this.byOperation, record.operation ?? "seed");
    bump(this.byVerdict, record.verdict);
    bump(this.byHumanStatus, record.humanStatus);
    for (const rule of record.failedRules) bump(this.byFailedRule, rule);
    record.reviewers.forEach((email, i) => {
      const seen = this.reviewers.get(email);
      if (seen) seen.decisions += 1;
      else this.reviewers.set(email, { name: record.reviewerNames[i] ?? email, decisions: 1 });
    });
  }
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function sortedEntries<K extends string | number>(map: Map<K, number>): [K, number][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
