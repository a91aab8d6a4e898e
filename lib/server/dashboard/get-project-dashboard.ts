import { COMPACT_AFTER_DELTAS, compactDashboard } from "./compact-dashboard";
import type { ProjectDashboard } from "./dashboard-types";
import { foldDashboardRows } from "./fold-dashboard-rows";
import { queryDashboardRows } from "./query-dashboard-rows";

/**
 * Everything the project dashboard shows: totals, human statuses and
 * eliminator verdicts, and per round and per operation the counts, pass rates
 * (overall and per rule), instruction length and difficulty. Read from the
 * figures Postgres keeps as nodes change (decision 0037), in one statement;
 * plain serialisable data. A read that finds many deltas compacts them after
 * answering (the reaper compacts them too).
 */
export async function getProjectDashboard(options: { projectId: string }): Promise<ProjectDashboard> {
  const { rows, deltas } = await queryDashboardRows(options.projectId);
  if (deltas > COMPACT_AFTER_DELTAS) void compactDashboard({ projectId: options.projectId }).catch(() => {});
  return foldDashboardRows(rows);
}
