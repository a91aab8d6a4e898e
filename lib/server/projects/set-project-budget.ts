import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { isNotFound } from "@/lib/server/db/errors";
import { UserFacingError } from "@/lib/server/errors";

/** Sets the spending cap new runs of the project start with (existing runs keep theirs). */
export async function setProjectBudget(options: {
  projectId: string;
  maxTokens: number | null;
  maxCostUsd: number | null;
  actorId: string;
}) {
  try {
    return await getPrisma().$transaction(async (tx) => {
      const project = await tx.project.update({
        where: { id: options.projectId },
        data: { defaultMaxTokens: options.maxTokens, defaultMaxCostUsd: options.maxCostUsd },
        select: { id: true, defaultMaxTokens: true, defaultMaxCostUsd: true },
      });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "project.budget",
        targetType: "project",
        targetId: project.id,
        data: { maxTokens: options.maxTokens, maxCostUsd: options.maxCostUsd },
      });
      return {
        id: project.id,
        defaultMaxTokens: project.defaultMaxTokens === null ? null : Number(project.defaultMaxTokens),
        defaultMaxCostUsd: project.defaultMaxCostUsd === null ? null : project.defaultMaxCostUsd.toNumber(),
      };
    });
  } catch (error) {
    if (isNotFound(error)) throw new UserFacingError("That project no longer exists.");
    throw error;
  }
}
