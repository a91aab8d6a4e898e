import { Prisma } from "@/lib/generated/prisma/client";
import { likeLiteral } from "@/lib/server/db/like-literal";
import type { ReviewQueueFilter } from "@/lib/validation/review";

/** The queue's filters as one SQL condition on `nodes n` (parameterised; nothing is spliced as text). */
export function reviewQueueWhere(projectId: string, filter: ReviewQueueFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`n.project_id = ${projectId}::uuid`];
  if (!filter.seeds) parts.push(Prisma.sql`n.parent_id IS NOT NULL`);
  if (filter.status !== "any") parts.push(Prisma.sql`n.human_status = ${filter.status}::"HumanStatus"`);
  if (filter.verdict !== "any") parts.push(Prisma.sql`n.verdict = ${filter.verdict}::"EliminatorVerdict"`);
  if (filter.rule) parts.push(Prisma.sql`n.failed_rules @> ARRAY[${filter.rule}]::text[]`);
  if (filter.operation) parts.push(Prisma.sql`n.operation::text = ${filter.operation}`);
  if (filter.round !== undefined) parts.push(Prisma.sql`n.round = ${filter.round}`);
  if (filter.run) parts.push(Prisma.sql`n.run_id = ${filter.run}::uuid`);
  if (filter.reviewer) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM reviews r WHERE r.node_id = n.id AND r.reviewer_id = ${filter.reviewer} AND r.revoked_at IS NULL)`);
  if (filter.disagreement) {
    parts.push(Prisma.sql`((n.verdict = 'passed' AND n.human_status = 'rejected') OR (n.verdict = 'failed' AND n.human_status = 'accepted'))`);
  }
  if (filter.skill) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM nodes s WHERE s.id = n.root_id AND s.metadata->>'skill' = ${filter.skill})`);
  // Instructions only: that is what the trigram index covers, and what reviewers look for.
  if (filter.q) parts.push(Prisma.sql`n.instruction ILIKE ${"%" + likeLiteral(filter.q) + "%"}`);
  return Prisma.join(parts, " AND ");
}
