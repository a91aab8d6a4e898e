import { getPrisma } from "@/lib/server/db/prisma";
import { enqueueDiversityJob } from "@/lib/server/jobs/diversity-job";
import { diversityRoundsSchema, diversityRunsSchema, type ProjectDiversity } from "./diversity-types";

/**
 * The dashboard's diversity figures: the last snapshot (one row by key). When
 * the project has a different number of nodes than the snapshot covers, or an
 * instruction was edited since, it asks the diversity job for a new one and
 * says so; the page shows the old figures with their time meanwhile.
 */
export async function getProjectDiversity(options: { projectId: string; nodes: number }): Promise<ProjectDiversity> {
  const prisma = getPrisma();
  const snapshot = await prisma.diversitySnapshot.findUnique({ where: { projectId: options.projectId } });
  const stale = !snapshot || snapshot.nodes !== options.nodes || (await editedSinceSnapshot(options.projectId));
  if (stale && options.nodes > 0) await enqueueDiversityJob(options.projectId);
  return {
    rounds: snapshot ? diversityRoundsSchema.parse(snapshot.rounds) : [],
    runs: snapshot ? diversityRunsSchema.parse(snapshot.runs) : [],
    computedAt: snapshot?.computedAt ?? null,
    stale,
  };
}

async function editedSinceSnapshot(projectId: string): Promise<boolean> {
  const rows = await getPrisma().$queryRaw<{ edited: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM diversity_snapshots s
      JOIN node_edits e ON e.created_at > s.computed_at AND e.field = 'instruction'
      JOIN nodes n ON n.id = e.node_id AND n.project_id = s.project_id
      WHERE s.project_id = ${projectId}::uuid
    ) AS edited`;
  return rows[0]?.edited ?? false;
}
