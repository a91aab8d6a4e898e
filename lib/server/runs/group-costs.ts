import { foldCosts, totalCost, type CostLine } from "@/lib/evolution/cost-breakdown";
import type { CostRows } from "./query-cost-rows";

type CallRow = CostRows["calls"][number];
type YieldRowOf = CostRows["yields"][number];

/** Cost lines grouped by a key of the calls and the nodes (null for yields: every line gets the total's nodes). */
export function costLinesBy<K extends string | number>(
  rows: CostRows,
  keyOfCall: (row: CallRow) => K | null,
  keyOfYield: ((row: YieldRowOf) => K) | null,
): CostLine<K>[] {
  const calls = rows.calls.map((row) => ({ ...row, key: keyOfCall(row) }));
  if (keyOfYield) {
    const yields = rows.yields.map((row) => ({ ...row, key: keyOfYield(row) }));
    return foldCosts({ calls, yields, prices: rows.prices });
  }
  const total = totalCost({ calls: [], yields: rows.yields.map((y) => ({ ...y, key: 0 })), prices: {} });
  const lines = foldCosts({ calls, yields: [], prices: rows.prices });
  return lines.map((line) => ({
    ...line,
    passing: total.passing,
    accepted: total.accepted,
    tokensPerPassing: total.passing ? line.tokens / total.passing : null,
    tokensPerAccepted: total.accepted ? line.tokens / total.accepted : null,
    costPerPassingUsd: total.passing && line.costUsd !== null ? line.costUsd / total.passing : null,
    costPerAcceptedUsd: total.accepted && line.costUsd !== null ? line.costUsd / total.accepted : null,
  }));
}

export function costTotal(rows: CostRows): CostLine<"total"> {
  return totalCost({
    calls: rows.calls.map((row) => ({ ...row, key: 0 })),
    yields: rows.yields.map((row) => ({ ...row, key: 0 })),
    prices: rows.prices,
  });
}
