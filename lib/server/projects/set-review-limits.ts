import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";
import { REVIEW_LIMITS_SELECT, type ReviewLimits } from "./get-review-limits";

/** Sets what annotators may do on their own in a project; the audit log keeps the values before and after. */
export async function setReviewLimits(options: { projectId: string; actorId: string } & ReviewLimits) {
  const { projectId, actorId, ...limits } = options;
  return getPrisma().$transaction(async (tx) => {
    const before = await tx.project.findUnique({ where: { id: projectId }, select: REVIEW_LIMITS_SELECT });
    if (!before) throw new NotFoundError("Unknown project.");
    const after = await tx.project.update({ where: { id: projectId }, data: limits, select: REVIEW_LIMITS_SELECT });
    await recordAuditEvent({
      db: tx,
      actorId,
      action: "project.review_limits",
      targetType: "project",
      targetId: projectId,
      data: { before, after },
    });
    return after;
  });
}
