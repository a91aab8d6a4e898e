import { listRunsPage, type RunPageRow } from "./list-runs-page";

/** A project's latest runs, newest first, with how far each got and who started each (null: the command line, or a deleted account). */
export async function listRuns(options: { projectId: string; limit?: number }): Promise<RunRow[]> {
  return listRunsPage({ projectId: options.projectId, after: null, limit: options.limit ?? 20 });
}

export type RunRow = RunPageRow;
