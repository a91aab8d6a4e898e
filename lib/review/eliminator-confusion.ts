// How the automatic eliminator's verdicts line up with the human verdicts on
// the same nodes, overall and per rule. Re-exported from ./agreement.

import { kappaFromTallies } from "./kappa-tallies";

/**
 * A 2×2 table of eliminator verdict × human verdict. "Pass" for a human means
 * accepted, "fail" means rejected. agreement = (bothPass + bothFail) / n and
 * kappa is Cohen's kappa of the table; both are null when n = 0 (kappa also
 * when every node lands in a single cell of the diagonal, see cohensKappa).
 */
export interface Confusion {
  bothPass: number;
  bothFail: number;
  eliminatorFailHumanAccept: number;
  eliminatorPassHumanReject: number;
  n: number;
  agreement: number | null;
  kappa: number | null;
}

export interface ConfusionRow {
  eliminatorPassed: boolean;
  failedRules: string[];
  human: "accepted" | "rejected";
}

type Cell = "bothPass" | "bothFail" | "eliminatorFailHumanAccept" | "eliminatorPassHumanReject";

function cellOf(eliminatorPass: boolean, humanPass: boolean): Cell {
  if (eliminatorPass) return humanPass ? "bothPass" : "eliminatorPassHumanReject";
  return humanPass ? "eliminatorFailHumanAccept" : "bothFail";
}

function emptyTally(): Record<Cell, number> {
  return { bothPass: 0, bothFail: 0, eliminatorFailHumanAccept: 0, eliminatorPassHumanReject: 0 };
}

function finish(t: Record<Cell, number>): Confusion {
  const n = t.bothPass + t.bothFail + t.eliminatorFailHumanAccept + t.eliminatorPassHumanReject;
  // Marginals of the 2×2 table, for the chance agreement Σ (eliminator count × human count).
  const eliminatorPass = t.bothPass + t.eliminatorPassHumanReject;
  const humanPass = t.bothPass + t.eliminatorFailHumanAccept;
  const marginalProducts = eliminatorPass * humanPass + (n - eliminatorPass) * (n - humanPass);
  const { kappa } = kappaFromTallies(t.bothPass + t.bothFail, n, marginalProducts);
  return { ...t, n, agreement: n === 0 ? null : (t.bothPass + t.bothFail) / n, kappa };
}

/**
 * Confusion between the eliminator and the humans, over reviewed nodes only
 * (rows are expected to carry a final human verdict; unreviewed and disputed
 * nodes are left out by the caller).
 *
 * - overall: the eliminator "fails" a node when `eliminatorPassed` is false.
 *   failedRules is not consulted, so the table matches what the eliminator
 *   actually did even if a rule was disabled afterwards.
 * - perRule[r], for every r in `rules` (present even if it never fired): the
 *   eliminator side "fails" a node exactly when r is in its failedRules, and
 *   EVERY row counts in every rule's table, so each table has the same n as
 *   overall. This asks "does this rule firing predict a human reject?": in
 *   particular eliminatorPassHumanReject for r also counts nodes that humans
 *   rejected for other reasons (or that other rules caught), and a node two
 *   rules caught counts as a fail in both tables. Rules in failedRules that
 *   are not listed in `rules` are ignored for perRule.
 */
export function eliminatorConfusion(
  rows: readonly ConfusionRow[],
  rules: readonly string[],
): { overall: Confusion; perRule: Record<string, Confusion> } {
  const overall = emptyTally();
  const perRule = new Map<string, Record<Cell, number>>(rules.map((r) => [r, emptyTally()]));
  for (const row of rows) {
    const humanPass = row.human === "accepted";
    overall[cellOf(row.eliminatorPassed, humanPass)]++;
    const fired = new Set(row.failedRules);
    for (const [rule, tally] of perRule) tally[cellOf(!fired.has(rule), humanPass)]++;
  }
  const perRuleResult: Record<string, Confusion> = {};
  for (const [rule, tally] of perRule) perRuleResult[rule] = finish(tally);
  return { overall: finish(overall), perRule: perRuleResult };
}
