import type { CostLine } from "@/lib/evolution/cost-breakdown";
import { costLinesBy, costTotal } from "./group-costs";
import { queryCostRows } from "./query-cost-rows";

export interface RunCosts {
  total: CostLine<"total">;
  /** A line with key null holds calls no step can be named for (failed attempts). */
  perRound: CostLine<number>[];
  perOperation: CostLine<string>[];
  /** Per call role (evolve, answer, judge, difficulty); per-node figures divide by all the run's nodes. */
  perRole: CostLine<string>[];
  /** False when a model the run used has no price (LLM_PRICES when it started): tokens only. */
  priced: boolean;
}

/**
 * What one run cost: tokens, and money at the prices it started with, per
 * round, operation and role, with the cost per passing and per accepted node
 * (docs/decisions/0024-what-a-node-cost.md).
 */
export async function getRunCosts(options: { runId: string }): Promise<RunCosts> {
  const rows = await queryCostRows({ runId: options.runId });
  const total = costTotal(rows);
  return {
    total,
    perRound: costLinesBy(
      rows,
      (row) => row.round,
      (row) => row.round,
    ),
    perOperation: costLinesBy(
      rows,
      (row) => row.operation,
      (row) => row.operation,
    ),
    perRole: costLinesBy(rows, (row) => row.role, null),
    priced: total.costUsd !== null,
  };
}
