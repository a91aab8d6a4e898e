import { Prisma } from "@/lib/generated/prisma/client";
import type { ExportSelection } from "@/lib/validation/export";

function statusCondition(status: ExportSelection["status"]): Prisma.Sql | null {
  if (status === "accepted") return Prisma.sql`n.human_status = 'accepted'`;
  if (status === "accepted_or_passing_unreviewed") {
    return Prisma.sql`(n.human_status = 'accepted' OR (n.human_status = 'unreviewed' AND n.verdict = 'passed'))`;
  }
  return null;
}

/**
 * An export selection as one SQL condition on `nodes n` (parameterised).
 * Round, operation and run filter the evolved nodes; seeds come in through
 * their own switch (with a run chosen: only the seeds that run evolved).
 * The status preset and the seed's skill apply to both.
 */
export function selectionWhere(projectId: string, selection: ExportSelection): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`n.project_id = ${projectId}::uuid`];
  const status = statusCondition(selection.status);
  if (status) parts.push(status);
  if (selection.skill) parts.push(Prisma.sql`n.root_skill = ${selection.skill}`);

  const evolved: Prisma.Sql[] = [Prisma.sql`n.parent_id IS NOT NULL`];
  if (selection.rounds.length) evolved.push(Prisma.sql`n.round IN (${Prisma.join(selection.rounds)})`);
  if (selection.operations.length)
    evolved.push(Prisma.sql`n.operation::text IN (${Prisma.join(selection.operations)})`);
  if (selection.runId) evolved.push(Prisma.sql`n.run_id = ${selection.runId}::uuid`);
  const branches = [Prisma.sql`(${Prisma.join(evolved, " AND ")})`];
  if (selection.includeSeeds) {
    const seeds: Prisma.Sql[] = [Prisma.sql`n.parent_id IS NULL`];
    if (selection.runId)
      seeds.push(
        Prisma.sql`EXISTS (SELECT 1 FROM run_steps rs WHERE rs.run_id = ${selection.runId}::uuid AND rs.parent_id = n.id)`,
      );
    branches.push(Prisma.sql`(${Prisma.join(seeds, " AND ")})`);
  }
  parts.push(Prisma.sql`(${Prisma.join(branches, " OR ")})`);
  return Prisma.join(parts, " AND ");
}
