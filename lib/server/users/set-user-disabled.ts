import { getPrisma } from "@/lib/server/db/prisma";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { UserFacingError } from "@/lib/server/errors";

/** Disabling signs the user out everywhere; their reviews and history stay. */
export async function setUserDisabled(options: { userId: string; disabled: boolean; actorId: string }) {
  if (options.userId === options.actorId && options.disabled) {
    throw new UserFacingError("You cannot disable your own account.");
  }
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId } });
    if (!user) throw new UserFacingError("That account no longer exists.");
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { banned: options.disabled, banReason: options.disabled ? "Disabled by an admin" : null, banExpires: null },
    });
    if (options.disabled) await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: options.disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: user.id,
      data: { email: user.email },
    });
    return { id: updated.id, disabled: Boolean(updated.banned) };
  });
}
