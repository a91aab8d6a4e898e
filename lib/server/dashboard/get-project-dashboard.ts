import type { ProjectDashboard } from "./dashboard-types";
import { foldDashboardRows } from "./fold-dashboard-rows";
import { queryDashboardRows } from "./query-dashboard-rows";

/**
 * Everything the project dashboard shows: totals, human statuses and
 * eliminator verdicts, and per round and per operation the counts, pass rates
 * (overall and per rule), instruction length and difficulty. Aggregated in
 * Postgres in one statement; plain serialisable data.
 */
export async function getProjectDashboard(options: { projectId: string }): Promise<ProjectDashboard> {
  return foldDashboardRows(await queryDashboardRows(options.projectId));
}
