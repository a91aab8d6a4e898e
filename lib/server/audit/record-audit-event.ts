import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";

type Db = Pick<Prisma.TransactionClient, "auditEvent">;

export async function recordAuditEvent(options: {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Prisma.InputJsonValue;
  db?: Db;
}): Promise<void> {
  const db = options.db ?? getPrisma();
  await db.auditEvent.create({
    data: {
      actorId: options.actorId,
      action: options.action,
      targetType: options.targetType,
      targetId: options.targetId ?? null,
      data: options.data ?? {},
    },
  });
}
