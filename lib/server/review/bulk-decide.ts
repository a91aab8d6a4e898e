import type { QueueViewer } from "./review-queue-where";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/server/errors";
import { bulkOverLimit } from "@/lib/review/bulk-limit";
import { MAX_BULK_NODES } from "@/lib/validation/review";
import { bulkScopeSql, describeScope, type BulkScope } from "./bulk-scope";
import { lockNodes } from "./lock-nodes";
import { recomputeHumanStatus, statusRuleOf } from "./recompute-status";

/** The scope of a bulk action holds another count than the one confirmed: nothing was changed. */
export class BulkScopeChanged extends ConflictError {
  constructor(
    readonly count: number,
    readonly confirmed: number,
    message?: string,
  ) {
    super(
      message ??
        `The scope now holds ${count.toLocaleString("en-US")} nodes, not the ${confirmed.toLocaleString("en-US")} you confirmed; nothing was changed. Check and confirm again.`,
    );
  }
}

/** How many nodes a bulk action would touch, for its confirmation. */
export async function countBulkScope(options: {
  projectId: string;
  scope: BulkScope;
  viewer?: QueueViewer;
}): Promise<number> {
  const [row] = await getPrisma().$queryRaw<
    { c: bigint }[]
  >`SELECT count(*) AS c FROM (${bulkScopeSql(options.projectId, options.scope, options.viewer)}) t`;
  return Number(row.c);
}

/**
 * Accepts or rejects every node of a selection, a filter or a subtree as one
 * undoable action: each node gets the actor's decision, marked with the
 * action, and its status is recomputed. Rejecting a subtree stops it evolving.
 * An annotator may not decide more nodes at once than the project's
 * annotator bulk limit, counted here (whatever count the client confirmed).
 */
export async function bulkDecide(options: {
  projectId: string;
  actor: Pick<SessionUser, "id" | "role">;
  decision: "accept" | "reject";
  scope: BulkScope;
  expectedCount: number;
}) {
  return getPrisma().$transaction(
    async (tx) => {
      const ids = (
        await tx.$queryRaw<{ id: string }[]>`${bulkScopeSql(options.projectId, options.scope, options.actor)}`
      ).map((r) => r.id);
      if (ids.length === 0)
        throw new BulkScopeChanged(0, options.expectedCount, "No node matches any more; nothing was changed.");
      if (ids.length > MAX_BULK_NODES)
        throw new UserFacingError(
          `${ids.length.toLocaleString("en-US")} nodes is more than one bulk action may change (${MAX_BULK_NODES.toLocaleString("en-US")}); narrow the filter.`,
        );
      const project = await tx.project.findUniqueOrThrow({
        where: { id: options.projectId },
        select: { statusRule: true, majorityK: true, annotatorBulkLimit: true },
      });
      if (options.actor.role !== "admin" && ids.length > project.annotatorBulkLimit)
        throw new UserFacingError(bulkOverLimit(ids.length, project.annotatorBulkLimit));
      if (ids.length !== options.expectedCount) throw new BulkScopeChanged(ids.length, options.expectedCount);
      // The same locks as a single decision: one on a node of the scope waits for this action, or it for the decision.
      await lockNodes({ tx, projectId: options.projectId, nodeIds: ids });
      const action = await tx.bulkAction.create({
        data: {
          projectId: options.projectId,
          actorId: options.actor.id,
          decision: options.decision,
          scope: describeScope(options.scope),
          count: ids.length,
        },
      });
      for (let i = 0; i < ids.length; i += 5_000) {
        const chunk = ids.slice(i, i + 5_000);
        await tx.review.createMany({
          data: chunk.map((nodeId) => ({
            nodeId,
            reviewerId: options.actor.id,
            decision: options.decision,
            bulkActionId: action.id,
          })),
        });
        await recomputeHumanStatus({ tx, nodeIds: chunk, rule: statusRuleOf(project) });
      }
      await recordAuditEvent({
        db: tx,
        actorId: options.actor.id,
        action: `nodes.bulk_${options.decision}`,
        targetType: "bulk_action",
        targetId: action.id,
        data: { count: ids.length, scope: action.scope },
      });
      return { bulkActionId: action.id, count: ids.length };
    },
    { timeout: 120_000 },
  );
}

/** Takes a bulk action back: its decisions are marked revoked (they stay in the history) and statuses recomputed. */
export async function undoBulk(options: {
  projectId: string;
  bulkActionId: string;
  actor: Pick<SessionUser, "id" | "role">;
}) {
  return getPrisma().$transaction(
    async (tx) => {
      // Row lock: two undos of one action at once would both see it standing.
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM bulk_actions
        WHERE id = ${options.bulkActionId}::uuid AND project_id = ${options.projectId}::uuid FOR UPDATE`;
      const action = locked ? await tx.bulkAction.findUnique({ where: { id: locked.id } }) : null;
      if (!action) throw new NotFoundError("That bulk action no longer exists.");
      if (action.undoneAt) throw new ConflictError("That bulk action was already undone.");
      if (action.actorId !== options.actor.id && options.actor.role !== "admin")
        throw new UserFacingError("Only its author or an admin can undo a bulk action.");
      const project = await tx.project.findUniqueOrThrow({
        where: { id: options.projectId },
        select: { statusRule: true, majorityK: true },
      });
      const reviews = await tx.review.findMany({ where: { bulkActionId: action.id }, select: { nodeId: true } });
      await lockNodes({ tx, projectId: options.projectId, nodeIds: reviews.map((r) => r.nodeId) });
      await tx.review.updateMany({ where: { bulkActionId: action.id }, data: { revokedAt: new Date() } });
      await tx.bulkAction.update({ where: { id: action.id }, data: { undoneAt: new Date() } });
      const nodeIds = reviews.map((r) => r.nodeId);
      for (let i = 0; i < nodeIds.length; i += 5_000)
        await recomputeHumanStatus({ tx, nodeIds: nodeIds.slice(i, i + 5_000), rule: statusRuleOf(project) });
      await recordAuditEvent({
        db: tx,
        actorId: options.actor.id,
        action: "nodes.bulk_undo",
        targetType: "bulk_action",
        targetId: action.id,
        data: { count: nodeIds.length },
      });
      return { count: nodeIds.length };
    },
    { timeout: 120_000 },
  );
}
