import { RULES } from "@/lib/evolution/eliminator";
import type { Operation } from "@/lib/evolution/operations";

/** The eliminator's rules, plus the elimination recorded when a rewrite could not be parsed. */
export const DASHBOARD_RULES = [...RULES, "unparseable_reply"] as const;
export type DashboardRule = (typeof DASHBOARD_RULES)[number];

export interface VerdictCounts {
  passed: number;
  failed: number;
  pending: number;
}

export interface StatusCounts {
  unreviewed: number;
  accepted: number;
  rejected: number;
  disputed: number;
}

/** Instruction length in words (runs of characters between spaces, tabs and line breaks). */
export interface WordStats {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface DifficultyStats {
  /** Nodes with a difficulty score. */
  scored: number;
  mean: number | null;
  /** Nodes per score: index 0 holds difficulty 1, index 9 difficulty 10. */
  distribution: number[];
}

/**
 * One round (0 = seeds). Verdicts and pass rates cover evolved nodes only;
 * rates are shares of the judged ones (passed + failed), null when none is.
 */
export interface RoundStats {
  round: number;
  nodes: number;
  verdicts: VerdictCounts;
  statuses: StatusCounts;
  passRate: number | null;
  /** Per rule: share of judged nodes on which it did not fire. */
  rulePassRates: Record<DashboardRule, number | null>;
  ruleFired: Record<DashboardRule, number>;
  words: WordStats | null;
  operations: Record<Operation, number>;
  difficulty: DifficultyStats;
}

export interface OperationStats {
  operation: Operation;
  nodes: number;
  verdicts: VerdictCounts;
  statuses: StatusCounts;
  passRate: number | null;
}

export interface ProjectDashboard {
  totals: { nodes: number; seeds: number; evolved: number; rounds: number };
  statuses: StatusCounts;
  /** Of evolved nodes. */
  verdicts: VerdictCounts;
  passRate: number | null;
  difficultyScored: number;
  rules: DashboardRule[];
  rounds: RoundStats[];
  operations: OperationStats[];
}
