import { getPrisma } from "@/lib/server/db/prisma";
import { backfillNodeDiversity } from "./cache-node-diversity";
import { computeDiversitySnapshot } from "./compute-diversity-snapshot";

/** The diversity job: parse the nodes not cached yet, then recount the figures. A deleted project has nothing to do. */
export async function refreshDiversity(options: { projectId: string }): Promise<{ cached: number; nodes: number }> {
  const project = await getPrisma().project.findUnique({ where: { id: options.projectId }, select: { id: true } });
  if (!project) return { cached: 0, nodes: 0 };
  const cached = await backfillNodeDiversity({ projectId: options.projectId });
  const rounds = await computeDiversitySnapshot({ projectId: options.projectId });
  return { cached, nodes: rounds.reduce((sum, r) => sum + r.nodes, 0) };
}
