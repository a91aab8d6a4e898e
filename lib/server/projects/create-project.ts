import { getPrisma } from "@/lib/server/db/prisma";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { ConflictError } from "@/lib/server/errors";
import { isUniqueViolation } from "@/lib/server/db/errors";

export async function createProject(options: { name: string; description?: string; actorId: string }) {
  const prisma = getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { name: options.name, description: options.description ?? "", createdById: options.actorId },
      });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "project.create",
        targetType: "project",
        targetId: project.id,
        data: { name: project.name },
      });
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A project named "${options.name}" already exists.`);
    throw error;
  }
}
