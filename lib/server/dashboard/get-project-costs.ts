import type { CostLine } from "@/lib/evolution/cost-breakdown";
import { costLinesBy, costTotal } from "@/lib/server/runs/group-costs";
import { queryCostRows } from "@/lib/server/runs/query-cost-rows";

export interface ProjectCosts {
  total: CostLine<"total">;
  /** key: the run's id; names by id in runNames. */
  perRun: CostLine<string>[];
  /** Across runs; a line without key holds failed attempts (no step). */
  perOperation: CostLine<string>[];
  runNames: Record<string, string>;
}

/**
 * What the project's runs cost, per run and per operation, with the cost per
 * passing and per accepted node (docs/decisions/0024-what-a-node-cost.md):
 * two grouped statements over the project's calls and steps.
 */
export async function getProjectCosts(options: {
  projectId: string;
  /** Only this run of the project (an export of one run). */
  runId?: string | null;
}): Promise<ProjectCosts> {
  const rows = await queryCostRows(options.runId ? { runId: options.runId } : { projectId: options.projectId });
  return {
    total: costTotal(rows),
    perRun: costLinesBy(
      rows,
      (row) => row.runId,
      (row) => row.runId,
    ).sort((a, b) => Object.keys(rows.runNames).indexOf(a.key!) - Object.keys(rows.runNames).indexOf(b.key!)),
    perOperation: costLinesBy(
      rows,
      (row) => row.operation,
      (row) => row.operation,
    ),
    runNames: rows.runNames,
  };
}
