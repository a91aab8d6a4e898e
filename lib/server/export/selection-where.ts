import { Prisma } from "@/lib/generated/prisma/client";
import type { ExportSelection } from "@/lib/validation/export";

function statusCondition(status: ExportSelection["status"]): Prisma.Sql | null {
  if (status === "accepted") return Prisma.sql`n.human_status = 'accepted'`;
  if (status === "accepted_or_passing_unreviewed") {
    return Prisma.sql`(n.human_status = 'accepted' OR (n.human_status = 'unreviewed' AND n.verdict = 'passed'))`;
  }
  return null;
}

/** Whether node `n` is in one of its project's hold-out evaluation sets. */
export const HELD_OUT = Prisma.sql`EXISTS (SELECT 1 FROM eval_set_nodes esn JOIN eval_sets es ON es.id = esn.eval_set_id
  WHERE esn.node_id = n.id AND es.project_id = n.project_id AND es.hold_out)`;

/** Exactly the nodes of one evaluation set of the project: a test set, whatever the other filters say. */
function evalSetWhere(projectId: string, evalSetId: string): Prisma.Sql {
  return Prisma.sql`n.project_id = ${projectId}::uuid AND EXISTS (SELECT 1 FROM eval_set_nodes esn
    JOIN eval_sets es ON es.id = esn.eval_set_id
    WHERE esn.node_id = n.id AND es.id = ${evalSetId}::uuid AND es.project_id = ${projectId}::uuid)`;
}

/**
 * An export selection as one SQL condition on `nodes n` (parameterised).
 * Round, operation and run filter the evolved nodes; seeds come in through
 * their own switch (with a run chosen: only the seeds that run evolved).
 * The status preset and the seed's skill apply to both; so does leaving
 * out the nodes of hold-out evaluation sets. An evaluation set chosen
 * replaces all of it (evalSetWhere).
 */
export function selectionWhere(projectId: string, selection: ExportSelection): Prisma.Sql {
  if (selection.evalSetId) return evalSetWhere(projectId, selection.evalSetId);
  const parts: Prisma.Sql[] = [Prisma.sql`n.project_id = ${projectId}::uuid`];
  if (selection.excludeHeldOut) parts.push(Prisma.sql`NOT ${HELD_OUT}`);
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
