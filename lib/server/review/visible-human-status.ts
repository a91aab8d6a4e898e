import type { SessionUser } from "@/lib/server/auth/current-user";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";
import { hideOthersStatuses } from "./hide-others-statuses";

/** A node's human status as `viewer` may see it (blind second reviews: "unreviewed" until they decided it). */
export async function visibleHumanStatus(options: {
  nodeId: string;
  viewer: Pick<SessionUser, "id" | "role">;
}): Promise<string> {
  const node = await getPrisma().node.findUnique({
    where: { id: options.nodeId },
    select: { id: true, humanStatus: true },
  });
  if (!node) throw new NotFoundError("Unknown node.");
  const [shown] = await hideOthersStatuses({ items: [node], viewer: options.viewer });
  return shown!.humanStatus;
}
