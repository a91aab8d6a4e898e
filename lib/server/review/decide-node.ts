import type { SessionUser } from "@/lib/server/auth/current-user";
import { getPrisma } from "@/lib/server/db/prisma";
import { UserFacingError } from "@/lib/server/errors";
import { lockNodes } from "./lock-nodes";
import { recomputeHumanStatus, statusRuleOf } from "./recompute-status";

export interface DecisionConflict {
  reviewer: string;
  decision: string;
  at: Date;
}

/**
 * Records one reviewer's accept or reject. Decisions are never overwritten:
 * when someone else decided the node after the reviewer last looked, both
 * stay in the history and the reviewer is told. A reviewer whose view hid
 * others' decisions (`seenAt`) is told only of those made after it was read.
 */
export async function decideNode(options: {
  projectId: string;
  nodeId: string;
  reviewer: Pick<SessionUser, "id" | "role">;
  decision: "accept" | "reject";
  reasonTags: string[];
  note: string;
  seenReviewId: string | null;
  seenAt?: Date | null;
}) {
  return getPrisma().$transaction(async (tx) => {
    // Two decisions on one node (single or bulk) are applied one after the other.
    const locked = await lockNodes({ tx, projectId: options.projectId, nodeIds: [options.nodeId] });
    if (locked.length === 0) throw new UserFacingError("That node no longer exists.");
    const project = await tx.project.findUniqueOrThrow({
      where: { id: options.projectId },
      select: { statusRule: true, majorityK: true },
    });
    const latest = await tx.review.findFirst({
      where: { nodeId: options.nodeId, revokedAt: null },
      orderBy: { createdAt: "desc" },
      include: { reviewer: { select: { email: true } } },
    });
    const conflict: DecisionConflict | null =
      latest &&
      latest.id !== options.seenReviewId &&
      latest.reviewerId !== options.reviewer.id &&
      (!options.seenAt || latest.createdAt > options.seenAt)
        ? { reviewer: latest.reviewer.email, decision: latest.decision, at: latest.createdAt }
        : null;
    const review = await tx.review.create({
      data: {
        nodeId: options.nodeId,
        reviewerId: options.reviewer.id,
        decision: options.decision,
        reasonTags: options.decision === "reject" ? options.reasonTags : [],
        note: options.note,
      },
    });
    const statuses = await recomputeHumanStatus({ tx, nodeIds: [options.nodeId], rule: statusRuleOf(project) });
    return { reviewId: review.id, at: review.createdAt, humanStatus: statuses.get(options.nodeId)!, conflict };
  });
}
