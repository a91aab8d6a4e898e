import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";

/**
 * Stops a signed link for good: its next request is answered 404. Revoking
 * one already revoked changes nothing (`revoked: false`). Audited.
 */
export async function revokeExportLink(options: {
  projectId: string;
  linkId: string;
  actorId: string;
}): Promise<{ revoked: boolean }> {
  const prisma = getPrisma();
  const link =
    isUuid(options.projectId) && isUuid(options.linkId)
      ? await prisma.exportLink.findFirst({
          where: { id: options.linkId, export: { projectId: options.projectId } },
          select: { id: true, exportId: true, revokedAt: true },
        })
      : null;
  if (!link) throw new NotFoundError("That link does not exist in this project.");
  if (link.revokedAt) return { revoked: false };
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.exportLink.updateMany({
      where: { id: link.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: options.actorId },
    });
    if (count === 0) return { revoked: false };
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "export.link_revoke",
      targetType: "export",
      targetId: link.exportId,
      data: { linkId: link.id },
    });
    return { revoked: true };
  });
}
