import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/server/db/errors";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/server/errors";
import type { SaveMethodVersionOptions } from "@/lib/validation/methods";

/**
 * Saving an edit makes the method's next version; no version is ever changed,
 * so the runs that used one keep the texts they ran with. Built-ins are fixed
 * (their texts are the code's): copy one to change it.
 */
export async function saveMethodVersion(options: SaveMethodVersionOptions & { actorId: string | null }) {
  const prisma = getPrisma();
  const method = await prisma.method.findUnique({
    where: { id: options.methodId },
    select: {
      name: true,
      builtIn: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true } },
    },
  });
  if (!method) throw new NotFoundError("That method does not exist.");
  if (method.builtIn) throw new InvalidInputError(`"${method.name}" is built in: copy it to make your own version.`);
  const latest = method.versions[0];
  if (options.basedOnVersionId && latest && options.basedOnVersionId !== latest.id)
    throw new ConflictError(
      `"${method.name}" has version ${latest.version} now, newer than the one this was made from: reload and try again.`,
    );
  const version = (latest?.version ?? 0) + 1;
  try {
    return await prisma.$transaction(async (tx) => {
      const saved = await tx.methodVersion.create({
        data: {
          methodId: options.methodId,
          version,
          texts: options.texts as unknown as Prisma.InputJsonValue,
          note: options.note,
          createdById: options.actorId,
        },
        select: { id: true, version: true },
      });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "method.version.save",
        targetType: "method",
        targetId: options.methodId,
        data: { name: method.name, version, note: options.note },
      });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`Someone saved version ${version} of "${method.name}" meanwhile: reload and try again.`);
    throw error;
  }
}
