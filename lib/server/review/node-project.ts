import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";

/**
 * Where a node lives, for routes that name only the node: its project and its
 * lineage tree's seed. NotFoundError for an unknown node (the caller checks
 * the project's access before showing anything).
 */
export async function locateNode(nodeId: string): Promise<{ projectId: string; rootId: string }> {
  const node = await getPrisma().node.findUnique({ where: { id: nodeId }, select: { projectId: true, rootId: true } });
  if (!node) throw new NotFoundError("Unknown node.");
  return node;
}
