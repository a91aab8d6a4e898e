import { getPrisma } from "@/lib/server/db/prisma";
import type { ProjectViewer } from "./project-access";

export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  seeds: number;
  evolved: number;
  runs: number;
}

/** The projects `viewer` may reach (admins: all; annotators: their own), newest first, with node counts. */
export async function listProjects(options: { viewer: ProjectViewer }): Promise<ProjectSummary[]> {
  const prisma = getPrisma();
  const onlyMember = options.viewer.role === "admin" ? null : options.viewer.id;
  const rows = await prisma.$queryRaw<
    { id: string; name: string; description: string; created_at: Date; seeds: bigint; evolved: bigint; runs: bigint }[]
  >`
    SELECT p.id, p.name, p.description, p.created_at,
           COALESCE(n.seeds, 0) AS seeds, COALESCE(n.evolved, 0) AS evolved,
           (SELECT count(*) FROM runs r WHERE r.project_id = p.id) AS runs
    FROM projects p
    LEFT JOIN (
      SELECT project_id,
             count(*) FILTER (WHERE parent_id IS NULL) AS seeds,
             count(*) FILTER (WHERE parent_id IS NOT NULL) AS evolved
      FROM nodes GROUP BY project_id
    ) n ON n.project_id = p.id
    WHERE ${onlyMember}::text IS NULL
       OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = ${onlyMember})
    ORDER BY p.created_at DESC`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    createdAt: r.created_at,
    seeds: Number(r.seeds),
    evolved: Number(r.evolved),
    runs: Number(r.runs),
  }));
}
