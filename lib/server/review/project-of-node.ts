import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";

/** The project a node belongs to, for a request that names only the node; NotFoundError for an unknown one. */
export async function projectOfNode(nodeId: string): Promise<string> {
  const node = await getPrisma().node.findUnique({ where: { id: nodeId }, select: { projectId: true } });
  if (!node) throw new NotFoundError("Unknown node.");
  return node.projectId;
}
