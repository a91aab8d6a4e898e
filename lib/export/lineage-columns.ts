import type { ExportRecord } from "./types";

/** Lineage columns in file order, snake_case as Python-side tools expect. */
export const LINEAGE_COLUMNS = [
  "id",
  "root_id",
  "parent_id",
  "round",
  "operation",
  "verdict",
  "failed_rules",
  "human_status",
  "reviewers",
  "difficulty",
] as const;
export type LineageColumn = (typeof LINEAGE_COLUMNS)[number];

/** The lineage of one record as JSON values: lists stay lists, missing values are null. */
export interface LineageFields {
  id: string;
  root_id: string;
  parent_id: string | null;
  round: number;
  operation: string | null;
  verdict: ExportRecord["verdict"];
  failed_rules: string[];
  human_status: ExportRecord["humanStatus"];
  reviewers: string[];
  difficulty: number | null;
}

export function lineageFields(r: ExportRecord): LineageFields {
  return {
    id: r.id,
    root_id: r.rootId,
    parent_id: r.parentId,
    round: r.round,
    operation: r.operation,
    verdict: r.verdict,
    failed_rules: r.failedRules,
    human_status: r.humanStatus,
    reviewers: r.reviewers,
    difficulty: r.difficulty,
  };
}

/**
 * Lists joined for flat text files (CSV). ", " reads naturally in a
 * spreadsheet; rule names never contain a comma, reviewer names rarely do —
 * whoever needs exact lists should take JSONL or Parquet.
 */
export const LIST_SEPARATOR = ", ";

/** The lineage as CSV cells: null becomes an empty cell, lists are joined. */
export function lineageCells(r: ExportRecord): string[] {
  const f = lineageFields(r);
  return LINEAGE_COLUMNS.map((c) => {
    const v = f[c];
    if (v === null) return "";
    if (Array.isArray(v)) return v.join(LIST_SEPARATOR);
    return String(v);
  });
}
