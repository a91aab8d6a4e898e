import { backfillNodeDiversity } from "./cache-node-diversity";
import { computeDiversitySnapshot } from "./compute-diversity-snapshot";

/** The diversity job: parse the nodes not cached yet, then recount the figures. */
export async function refreshDiversity(options: { projectId: string }): Promise<{ cached: number; nodes: number }> {
  const cached = await backfillNodeDiversity({ projectId: options.projectId });
  const rounds = await computeDiversitySnapshot({ projectId: options.projectId });
  return { cached, nodes: rounds.reduce((sum, r) => sum + r.nodes, 0) };
}
