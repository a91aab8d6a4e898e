import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { recomputeHumanStatus, statusRuleOf } from "./recompute-status";

/** Changes how a node's status follows its reviews (and the share sent to a second annotator), and applies the new rule to every reviewed node. */
export async function setReviewSettings(options: {
  projectId: string;
  statusRule: "admin_word" | "majority";
  majorityK: number;
  overlapPercent?: number;
  actorId: string;
}) {
  // Kept as a share 0..1, rounded to 0.01 % so 33.33 % does not become 0.33329999.
  const overlapShare =
    options.overlapPercent === undefined ? undefined : Math.round(options.overlapPercent * 100) / 10_000;
  return getPrisma().$transaction(
    async (tx) => {
      // Updating the project row waits for every decision in flight (each holds a share lock on it,
      // lib/server/review/lock-nodes.ts) and holds new ones back until the statuses below are recomputed.
      const project = await tx.project.update({
        where: { id: options.projectId },
        data: { statusRule: options.statusRule, majorityK: options.majorityK, overlapShare },
      });
      const reviewed = await tx.$queryRaw<{ node_id: string }[]>`
        SELECT DISTINCT r.node_id FROM reviews r JOIN nodes n ON n.id = r.node_id WHERE n.project_id = ${options.projectId}::uuid`;
      const ids = reviewed.map((r) => r.node_id);
      for (let i = 0; i < ids.length; i += 5_000)
        await recomputeHumanStatus({ tx, nodeIds: ids.slice(i, i + 5_000), rule: statusRuleOf(project) });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "project.review_settings",
        targetType: "project",
        targetId: options.projectId,
        data: { statusRule: options.statusRule, majorityK: options.majorityK, overlapShare, recomputed: ids.length },
      });
      return { recomputed: ids.length };
    },
    { timeout: 120_000 },
  );
}
