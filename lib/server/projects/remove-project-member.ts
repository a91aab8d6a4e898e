import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";

/**
 * Takes an annotator's access to a project away, at once (every page, action
 * and route checks membership on each request). Their decisions stay.
 */
export async function removeProjectMember(options: { projectId: string; userId: string; actorId: string }) {
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.projectMember.deleteMany({
      where: { projectId: options.projectId, userId: options.userId },
    });
    if (count > 0) {
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "project.member.remove",
        targetType: "project",
        targetId: options.projectId,
        data: { userId: options.userId },
      });
    }
    return { removed: count > 0 };
  });
}
