import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { UserFacingError } from "@/lib/server/errors";

/**
 * An admin changes a person's display name (people cannot rename themselves:
 * names credit them in exports). The audit log keeps the old and new name.
 */
export async function renameUser(options: { userId: string; name: string; actorId: string }) {
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { name: true, email: true } });
    if (!user) throw new UserFacingError("That account no longer exists.");
    if (user.name === options.name) return { id: options.userId, name: user.name, changed: false };
    await tx.user.update({ where: { id: options.userId }, data: { name: options.name } });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "user.rename",
      targetType: "user",
      targetId: options.userId,
      data: { email: user.email, from: user.name, to: options.name },
    });
    return { id: options.userId, name: options.name, changed: true };
  });
}
