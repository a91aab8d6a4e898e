import { getPrisma } from "@/lib/server/db/prisma";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { UserFacingError } from "@/lib/server/errors";
import { isNotFound, isUniqueViolation } from "@/lib/server/db/errors";

export async function renameProject(options: { projectId: string; name: string; actorId: string }) {
  const prisma = getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.project.findUniqueOrThrow({ where: { id: options.projectId }, select: { name: true } });
      const project = await tx.project.update({ where: { id: options.projectId }, data: { name: options.name } });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "project.rename",
        targetType: "project",
        targetId: project.id,
        data: { from: before.name, to: project.name },
      });
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserFacingError(`A project named "${options.name}" already exists.`);
    if (isNotFound(error)) throw new UserFacingError("That project no longer exists.");
    throw error;
  }
}
