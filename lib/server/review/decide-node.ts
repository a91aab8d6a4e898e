import { resolveHumanStatus, type ReviewDecision } from "@/lib/review/status-rule";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { withSqlTransaction } from "@/lib/server/db/direct-sql";
import { uuid7 } from "@/lib/server/db/uuid7";
import { UserFacingError } from "@/lib/server/errors";
import { statusRuleOf } from "./recompute-status";

export interface DecisionConflict {
  reviewer: string;
  decision: string;
  at: Date;
}

interface StandingReview {
  id: string;
  reviewerId: string;
  role: "admin" | "annotator";
  email: string;
  decision: "accept" | "reject";
  at: Date;
}

/**
 * Records one reviewer's accept or reject. Decisions are never overwritten:
 * when someone else decided the node after the reviewer last looked, both
 * stay in the history and the reviewer is told. A reviewer whose view hid
 * others' decisions (`seenAt`) is told only of those made after it was read.
 *
 * Four statements in one transaction, through pg (decision 0042: a reviewer's
 * accept is the one write that must stay quick while a run fills the machine):
 * the locks of lockNodes (lock-nodes.ts) in their order, the project's status
 * rule read with its lock; the node's standing decisions, read after the node's
 * lock is granted; then the new decision and the node's status it gives, written
 * together (recomputeHumanStatus's rule, the new decision the latest).
 */
export async function decideNode(options: {
  projectId: string;
  nodeId: string;
  reviewer: Pick<SessionUser, "id" | "role">;
  decision: "accept" | "reject";
  reasonTags: string[];
  note: string;
  seenReviewId: string | null;
  seenAt?: Date | null;
}) {
  return withSqlTransaction(async (tx) => {
    const [project] = await tx.$queryRaw<{ statusRule: string; majorityK: number }[]>`
      SELECT status_rule::text AS "statusRule", majority_k AS "majorityK"
      FROM projects WHERE id = ${options.projectId}::uuid FOR SHARE`;
    if (!project) throw new UserFacingError("That project no longer exists.");
    // Two decisions on one node (single or bulk) are applied one after the other.
    const locked = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM nodes WHERE id = ${options.nodeId}::uuid AND project_id = ${options.projectId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new UserFacingError("That node no longer exists.");
    // A statement of its own, after the lock: it sees a decision committed while this one waited.
    const standing = await tx.$queryRaw<StandingReview[]>`
      SELECT r.id, r.reviewer_id AS "reviewerId", u.role::text AS role, u.email, r.decision::text AS decision,
             r.created_at AS at
      FROM reviews r JOIN users u ON u.id = r.reviewer_id
      WHERE r.node_id = ${options.nodeId}::uuid AND r.revoked_at IS NULL
      ORDER BY r.created_at, r.id`;
    const latest = standing.at(-1);
    const conflict: DecisionConflict | null =
      latest &&
      latest.id !== options.seenReviewId &&
      latest.reviewerId !== options.reviewer.id &&
      (!options.seenAt || latest.at > options.seenAt)
        ? { reviewer: latest.email, decision: latest.decision, at: latest.at }
        : null;
    const review = { id: uuid7(), at: new Date() };
    const decisions: ReviewDecision[] = [
      ...standing.map((r) => ({ reviewerId: r.reviewerId, role: r.role, decision: r.decision, at: r.at })),
      { reviewerId: options.reviewer.id, role: options.reviewer.role, decision: options.decision, at: review.at },
    ];
    const humanStatus = resolveHumanStatus(decisions, statusRuleOf(project));
    const reasonTags = options.decision === "reject" ? options.reasonTags : [];
    await tx.$executeRaw`
      WITH review AS (
        INSERT INTO reviews (id, node_id, reviewer_id, decision, reason_tags, note, created_at)
        VALUES (${review.id}::uuid, ${options.nodeId}::uuid, ${options.reviewer.id}, ${options.decision}::"ReviewDecision",
                ${reasonTags}::text[], ${options.note}, ${review.at}::timestamp))
      UPDATE nodes SET human_status = ${humanStatus}::"HumanStatus", updated_at = ${review.at}::timestamp
      WHERE id = ${options.nodeId}::uuid`;
    return { reviewId: review.id, at: review.at, humanStatus, conflict };
  });
}
