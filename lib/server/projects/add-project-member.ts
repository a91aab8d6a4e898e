import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { InvalidInputError } from "@/lib/server/errors";

/** Gives an annotator access to a project (idempotent), recorded in the audit log. */
export async function addProjectMember(options: { projectId: string; userId: string; actorId: string }) {
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { role: true, email: true } });
    if (!user) throw new InvalidInputError("That account no longer exists.");
    if (user.role !== "annotator")
      throw new InvalidInputError("Admins reach every project; only annotators are added.");
    const existing = await tx.projectMember.findUnique({
      where: { projectId_userId: { projectId: options.projectId, userId: options.userId } },
    });
    if (existing) return { added: false };
    await tx.projectMember.create({
      data: { projectId: options.projectId, userId: options.userId, addedById: options.actorId },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "project.member.add",
      targetType: "project",
      targetId: options.projectId,
      data: { userId: options.userId, email: user.email },
    });
    return { added: true };
  });
}
