import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";

/** Deletes an evaluation set (its nodes stay; a hold-out set's nodes go back into training exports). */
export async function deleteEvalSet(options: {
  projectId: string;
  evalSetId: string;
  actorId: string | null;
}): Promise<{ name: string }> {
  return getPrisma().$transaction(async (tx) => {
    const set = await tx.evalSet.findFirst({
      where: { id: options.evalSetId, projectId: options.projectId },
      select: { id: true, name: true, nodeCount: true, holdOut: true },
    });
    if (!set) throw new NotFoundError("That evaluation set no longer exists.");
    await tx.evalSet.delete({ where: { id: set.id } });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "eval_set.delete",
      targetType: "project",
      targetId: options.projectId,
      data: { evalSetId: set.id, name: set.name, nodeCount: set.nodeCount, holdOut: set.holdOut },
    });
    return { name: set.name };
  });
}
