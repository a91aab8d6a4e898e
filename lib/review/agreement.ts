// Agreement statistics for the curation dashboard: how far annotators agree
// with each other, and how far the automatic eliminator agrees with them.
// Pure, so they can be checked against hand-computed examples.

import { kappaFromTallies, type KappaResult } from "./kappa-tallies";

export type { KappaResult };

/**
 * Cohen's kappa between two raters who labelled the same items; each pair is
 * [rater A's label, rater B's label]. Labels are arbitrary strings, compared
 * exactly. kappa = (po − pe) / (1 − pe): 1 is perfect agreement, 0 is what
 * independent raters with these label frequencies would reach, negative is
 * worse than chance. kappa is null when n = 0 or when pe = 1 (undefined).
 */
export function cohensKappa(pairs: ReadonlyArray<readonly [string, string]>): KappaResult {
  const countsA = new Map<string, number>();
  const countsB = new Map<string, number>();
  let agreements = 0;
  for (const [a, b] of pairs) {
    countsA.set(a, (countsA.get(a) ?? 0) + 1);
    countsB.set(b, (countsB.get(b) ?? 0) + 1);
    if (a === b) agreements++;
  }
  let marginalProducts = 0;
  for (const [label, countA] of countsA) marginalProducts += countA * (countsB.get(label) ?? 0);
  return kappaFromTallies(agreements, pairs.length, marginalProducts);
}

export interface PairKappa {
  a: string;
  b: string;
  kappa: number | null;
  n: number;
}

/**
 * Kappa for every pair of reviewers (a < b by string order, sorted by a then
 * b), over the nodes both of them decided. The input carries no timestamps,
 * so it must be in chronological order: a later entry for the same node and
 * reviewer replaces the earlier one (the reviewer changed their mind). Pairs
 * without any shared node are still listed, with n = 0 and kappa null, so the
 * dashboard can show that two reviewers never overlapped.
 */
export function pairwiseKappa(
  decisions: ReadonlyArray<{ nodeId: string; reviewerId: string; decision: string }>,
): PairKappa[] {
  const byReviewer = new Map<string, Map<string, string>>();
  for (const { nodeId, reviewerId, decision } of decisions) {
    const latest = byReviewer.get(reviewerId) ?? new Map<string, string>();
    latest.set(nodeId, decision);
    byReviewer.set(reviewerId, latest);
  }
  const reviewers = [...byReviewer.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const result: PairKappa[] = [];
  for (let i = 0; i < reviewers.length; i++) {
    for (let j = i + 1; j < reviewers.length; j++) {
      const [a, b] = [reviewers[i], reviewers[j]];
      const ofB = byReviewer.get(b) ?? new Map<string, string>();
      const pairs: Array<[string, string]> = [];
      for (const [nodeId, decisionA] of byReviewer.get(a) ?? []) {
        const decisionB = ofB.get(nodeId);
        if (decisionB !== undefined) pairs.push([decisionA, decisionB]);
      }
      const { kappa, n } = cohensKappa(pairs);
      result.push({ a, b, kappa, n });
    }
  }
  return result;
}

export { eliminatorConfusion, type Confusion, type ConfusionRow } from "./eliminator-confusion";
