import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";
import type { ProjectViewer } from "@/lib/server/projects/project-access";

/**
 * Revokes a token at once (the next request with it is refused). Its owner or
 * an admin may; to anybody else it does not exist. Revoking a revoked token
 * changes nothing.
 */
export async function revokeApiToken(options: { tokenId: string; actor: ProjectViewer }) {
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: options.tokenId } });
    if (!token || (token.userId !== options.actor.id && options.actor.role !== "admin"))
      throw new NotFoundError("Unknown token.");
    if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt };
    const revoked = await tx.apiToken.update({
      where: { id: token.id },
      data: { revokedAt: new Date(), revokedById: options.actor.id },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.actor.id,
      action: "api_token.revoke",
      targetType: "api_token",
      targetId: token.id,
      data: { name: token.name, ownerId: token.userId },
    });
    return { id: revoked.id, revokedAt: revoked.revokedAt! };
  });
}
