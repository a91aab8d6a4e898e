import type { Prisma } from "@/lib/generated/prisma/client";
import { resolveHumanStatus, type StatusRule } from "@/lib/review/status-rule";

type Tx = Prisma.TransactionClient;

export function statusRuleOf(project: { statusRule: string; majorityK: number }): StatusRule {
  return project.statusRule === "majority" ? { kind: "majority", k: project.majorityK } : { kind: "admin_word" };
}

/** Sets each node's human status from its standing (not revoked) decisions under the project's rule. */
export async function recomputeHumanStatus(options: { tx: Tx; nodeIds: string[]; rule: StatusRule }) {
  const { tx, nodeIds, rule } = options;
  if (nodeIds.length === 0) return new Map<string, string>();
  const reviews = await tx.review.findMany({
    where: { nodeId: { in: nodeIds }, revokedAt: null },
    select: { nodeId: true, reviewerId: true, decision: true, createdAt: true, reviewer: { select: { role: true } } },
    orderBy: { createdAt: "asc" },
  });
  const byNode = new Map<string, typeof reviews>();
  for (const r of reviews) {
    const list = byNode.get(r.nodeId);
    if (list) list.push(r);
    else byNode.set(r.nodeId, [r]);
  }
  const statuses = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const nodeId of nodeIds) {
    const decisions = (byNode.get(nodeId) ?? []).map((r) => ({
      reviewerId: r.reviewerId,
      role: r.reviewer.role,
      decision: r.decision,
      at: r.createdAt,
    }));
    const status = resolveHumanStatus(decisions, rule);
    statuses.set(nodeId, status);
    const group = groups.get(status);
    if (group) group.push(nodeId);
    else groups.set(status, [nodeId]);
  }
  for (const [status, ids] of groups) {
    await tx.node.updateMany({
      where: { id: { in: ids } },
      data: { humanStatus: status as "unreviewed" | "accepted" | "rejected" | "disputed" },
    });
  }
  return statuses;
}
