import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";

export interface ProjectDetail {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  counts: { seeds: number; evolved: number; accepted: number; rejected: number; runs: number; imports: number };
}

// Ids come from the URL; anything not shaped like a uuid names no project
// (Postgres would reject it as a uuid and the page would crash instead of 404).

export async function getProject(options: { projectId: string }): Promise<ProjectDetail | null> {
  if (!isUuid(options.projectId)) return null;
  const prisma = getPrisma();
  const project = await prisma.project.findUnique({ where: { id: options.projectId } });
  if (!project) return null;
  const [counts] = await prisma.$queryRaw<{ seeds: bigint; evolved: bigint; accepted: bigint; rejected: bigint }[]>`
    SELECT count(*) FILTER (WHERE parent_id IS NULL) AS seeds,
           count(*) FILTER (WHERE parent_id IS NOT NULL) AS evolved,
           count(*) FILTER (WHERE human_status = 'accepted') AS accepted,
           count(*) FILTER (WHERE human_status = 'rejected') AS rejected
    FROM nodes WHERE project_id = ${project.id}::uuid`;
  const [runs, imports] = await Promise.all([
    prisma.run.count({ where: { projectId: project.id } }),
    prisma.seedImport.count({ where: { projectId: project.id } }),
  ]);
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    createdAt: project.createdAt,
    counts: {
      seeds: Number(counts.seeds),
      evolved: Number(counts.evolved),
      accepted: Number(counts.accepted),
      rejected: Number(counts.rejected),
      runs,
      imports,
    },
  };
}
