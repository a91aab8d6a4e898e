import type { Prisma } from "@/lib/generated/prisma/client";
import { methodTextsSchema } from "@/lib/evolution/method-texts";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { CopyMethodOptions } from "@/lib/validation/methods";

/** A user's own method, starting as version 1 with the texts of the version it is copied from. */
export async function copyMethod(options: CopyMethodOptions & { actorId: string | null }) {
  const prisma = getPrisma();
  const source = await prisma.methodVersion.findUnique({
    where: { id: options.fromVersionId },
    select: { version: true, texts: true, method: { select: { name: true } } },
  });
  if (!source) throw new NotFoundError("That method version does not exist.");
  if (await prisma.method.count({ where: { name: options.name } }))
    throw new ConflictError(`A method named "${options.name}" exists already.`);
  const texts = methodTextsSchema.parse(source.texts);
  return prisma.$transaction(async (tx) => {
    const method = await tx.method.create({
      data: {
        name: options.name,
        description: options.description,
        createdById: options.actorId,
        versions: {
          create: {
            version: 1,
            texts: texts as unknown as Prisma.InputJsonValue,
            note: `Copied from ${source.method.name} v${source.version}.`,
            createdById: options.actorId,
          },
        },
      },
      select: { id: true, name: true, versions: { select: { id: true } } },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "method.copy",
      targetType: "method",
      targetId: method.id,
      data: { name: method.name, from: `${source.method.name} v${source.version}` },
    });
    return { id: method.id, name: method.name, versionId: method.versions[0].id };
  });
}
