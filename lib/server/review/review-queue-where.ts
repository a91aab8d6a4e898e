import { Prisma } from "@/lib/generated/prisma/client";
import { likeLiteral } from "@/lib/server/db/like-literal";
import { UserFacingError } from "@/lib/server/errors";
import type { ReviewQueueFilter } from "@/lib/validation/review";
import { queueFilterMatchesNothing } from "./review-queue-matches-nothing";

/** Who is looking at the queue: the "waiting for me" filter needs them, and an annotator's filters are blind. */
export interface QueueViewer {
  id: string;
  role: "admin" | "annotator";
}

/** overlapPoint (lib/review/status-rule.ts) in SQL: the last 32 bits of the node's id over 2^32. */
export const overlapPointSql = Prisma.sql`(('x' || right(n.id::text, 8))::bit(32)::bigint / 4294967296.0)`;

/**
 * The queue's filters as one SQL condition on `nodes n` (parameterised;
 * nothing is spliced as text). `viewer` is the signed-in reviewer.
 *
 * Blind second reviews: an annotator sees a node's human status only once
 * they have decided it themself (lib/server/review/hide-others-statuses.ts),
 * so their status and disagreement filters select on the status as they see
 * it — a node decided only by others is "unreviewed" to them. Otherwise the
 * filter "accepted" would tell them what the others decided.
 */
export function reviewQueueWhere(projectId: string, filter: ReviewQueueFilter, viewer?: QueueViewer): Prisma.Sql {
  const blind = viewer && viewer.role !== "admin" ? viewer.id : null;
  // An annotator's "decided by" filter is for their own decisions: another reviewer's would tell them which nodes
  // that reviewer decided, which blind review keeps from them.
  if (filter.reviewer && blind && filter.reviewer !== blind)
    throw new UserFacingError("You can filter by your own decisions only.");
  if (filter.mine && !viewer) throw new Error("the 'waiting for me' filter needs the signed-in reviewer");
  // Filters that contradict each other: Postgres does not see it and would read every candidate (the disagreeing
  // nodes, for an annotator's "unreviewed" + disagreement) to return none; FALSE it answers from the plan alone.
  if (queueFilterMatchesNothing(filter, viewer && { id: viewer.id, blind: !!blind })) return Prisma.sql`FALSE`;
  const parts: Prisma.Sql[] = [Prisma.sql`n.project_id = ${projectId}::uuid`];
  const decidedByViewer = Prisma.sql`EXISTS (SELECT 1 FROM reviews r WHERE r.node_id = n.id AND r.reviewer_id = ${blind} AND r.revoked_at IS NULL)`;
  // Seeds are round 0 and have no rule, operation or run: a filter on any of those excludes them already, and
  // leaving the condition out keeps the planner from adding the parent index's 85 % of the nodes to its bitmaps
  // (30 ms at 250,000 nodes, for nothing).
  const seedsExcluded = (filter.round ?? 0) > 0 || !!filter.rule || !!filter.operation || !!filter.run;
  if (!filter.seeds && !seedsExcluded) parts.push(Prisma.sql`n.parent_id IS NOT NULL`);
  if (filter.status !== "any") {
    const status = Prisma.sql`n.human_status = ${filter.status}::"HumanStatus"`;
    if (!blind) parts.push(status);
    else if (filter.status === "unreviewed") parts.push(Prisma.sql`(${status} OR ${notDecidedByViewer(blind)})`);
    else parts.push(Prisma.sql`${status} AND ${decidedByViewer}`);
  }
  if (filter.verdict !== "any") parts.push(Prisma.sql`n.verdict = ${filter.verdict}::"EliminatorVerdict"`);
  // Once the rule is bound this implies the predicate of the rule's partial indexes (migration 20261211100000): the
  // page walks the nodes that failed it in queue order. Keep this form: `rule = ANY(failed_rules)` matches neither.
  if (filter.rule) parts.push(Prisma.sql`n.failed_rules @> ARRAY[${filter.rule}]::text[]`);
  if (filter.operation) parts.push(Prisma.sql`n.operation = ${filter.operation}::"Operation"`);
  // A range, not "=": with an equality the planner drops round from queueOrder's ORDER BY and walks the id index,
  // assuming a round's nodes are spread over all ids; they come in time order, as the ids do, so that walk read
  // every earlier round first (300 ms at 250,000 nodes). As a range, the order is the (project, round, id) index's.
  if (filter.round !== undefined) parts.push(Prisma.sql`n.round BETWEEN ${filter.round} AND ${filter.round}`);
  if (filter.run) parts.push(Prisma.sql`n.run_id = ${filter.run}::uuid`);
  if (filter.reviewer)
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM reviews r WHERE r.node_id = n.id AND r.reviewer_id = ${filter.reviewer} AND r.revoked_at IS NULL)`,
    );
  if (filter.disagreement) {
    // The partial index nodes_project_id_id_idx has this predicate (migration 20261208110000): keep them alike.
    parts.push(
      Prisma.sql`((n.verdict = 'passed' AND n.human_status = 'rejected') OR (n.verdict = 'failed' AND n.human_status = 'accepted'))`,
    );
    if (blind) parts.push(decidedByViewer);
  }
  if (filter.skill) parts.push(Prisma.sql`n.root_skill = ${filter.skill}`);
  // Instructions only: that is what the trigram index covers, and what reviewers look for.
  if (filter.q) parts.push(Prisma.sql`n.instruction ILIKE ${"%" + likeLiteral(filter.q) + "%"}`);
  if (filter.mine && viewer) parts.push(waitingFor(projectId, viewer.id));
  return Prisma.join(parts, " AND ");
}

/**
 * "Not decided by the viewer", for a node that someone decided: the second half of an annotator's "unreviewed"
 * (`human_status = 'unreviewed' OR` this). The condition on the node's own status inside the subquery is what
 * matters. As a plain `NOT EXISTS (… r.node_id = n.id …)`, Postgres plans it as a hashed set of all the reviewer's
 * decisions, built in full by any page or count that meets one decided node (12,000 decisions of one annotator at
 * 250,000 nodes: a scan of every review, 8 ms idle, on nearly every page while people review). A condition on the
 * outer row cannot go into that hash, so the subquery stays per node: one look-up in the reviews' node index, and
 * only for nodes someone decided (the OR has settled the rest; the planner shows it as a One-Time Filter).
 */
function notDecidedByViewer(viewerId: string): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM reviews r WHERE n.human_status <> 'unreviewed' AND r.node_id = n.id AND r.reviewer_id = ${viewerId} AND r.revoked_at IS NULL)`;
}

/**
 * The queue's order: by time-ordered id, oldest or newest first. With a round filter, by round first (one round:
 * the same order), which the (project, round, id) index gives directly (see the round condition above).
 */
export function queueOrderSql(filter: ReviewQueueFilter, alias: "n" | "m"): Prisma.Sql {
  const direction = filter.sort === "newest" ? "DESC" : "ASC";
  const keys = filter.round !== undefined ? ["round", "id"] : ["id"];
  return Prisma.raw(`ORDER BY ${keys.map((key) => `${alias}.${key} ${direction}`).join(", ")}`);
}

/**
 * Nodes that still need this reviewer's decision: not yet decided by them,
 * and either still unreviewed (under a majority rule, until k have decided)
 * or drawn by the project's overlap share and decided by fewer than two
 * reviewers so far (the second opinion that agreement is measured on).
 */
function waitingFor(projectId: string, viewerId: string): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM reviews r WHERE r.node_id = n.id AND r.reviewer_id = ${viewerId} AND r.revoked_at IS NULL)
    AND (n.human_status = 'unreviewed'
      OR (${overlapPointSql} < (SELECT p.overlap_share FROM projects p WHERE p.id = ${projectId}::uuid)
          AND (SELECT count(DISTINCT r.reviewer_id) FROM reviews r WHERE r.node_id = n.id AND r.revoked_at IS NULL) < 2))`;
}
