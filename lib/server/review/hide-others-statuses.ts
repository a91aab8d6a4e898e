import type { SessionUser } from "@/lib/server/auth/current-user";
import { getPrisma } from "@/lib/server/db/prisma";

/**
 * Blind second reviews in lists (the review queue, the lineage tree): an
 * annotator sees a node's human status only once they have decided it
 * themself; before, it reads "unreviewed", as on the node view. Admins see
 * statuses in lists (they resolve disputes). Filters by status still select
 * on the real status.
 */
export async function hideOthersStatuses<T extends { id: string; humanStatus: string }>(options: {
  items: T[];
  viewer: Pick<SessionUser, "id" | "role">;
}): Promise<T[]> {
  const { items, viewer } = options;
  if (viewer.role === "admin") return items;
  const decided = items.filter((i) => i.humanStatus !== "unreviewed").map((i) => i.id);
  if (decided.length === 0) return items;
  const mine = await getPrisma().review.findMany({
    where: { nodeId: { in: decided }, reviewerId: viewer.id, revokedAt: null },
    select: { nodeId: true },
    distinct: ["nodeId"],
  });
  const own = new Set(mine.map((r) => r.nodeId));
  return items.map((i) => (i.humanStatus === "unreviewed" || own.has(i.id) ? i : { ...i, humanStatus: "unreviewed" }));
}
