import { getPrisma } from "@/lib/server/db/prisma";

export interface ExportChoices {
  maxRound: number;
  skills: string[];
  runs: { id: string; label: string }[];
  /** The project's evaluation sets: one can be exported as a test set; hold-out ones are left out of the rest. */
  evalSets: { id: string; name: string; holdOut: boolean; nodeCount: number }[];
}

/** What the export form offers to filter on: the rounds, the seeds' skills and the runs this project has. */
export async function exportChoices(options: { projectId: string }): Promise<ExportChoices> {
  const prisma = getPrisma();
  const [rounds, skills, runs, evalSets] = await Promise.all([
    prisma.$queryRaw<
      { max: number | null }[]
    >`SELECT max(round) AS max FROM nodes WHERE project_id = ${options.projectId}::uuid`,
    prisma.$queryRaw<{ skill: string }[]>`
      SELECT DISTINCT metadata->>'skill' AS skill FROM nodes
      WHERE project_id = ${options.projectId}::uuid AND parent_id IS NULL AND metadata ? 'skill'
      ORDER BY 1 LIMIT 200`,
    prisma.run.findMany({
      where: { projectId: options.projectId },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, config: true, createdAt: true, rounds: true },
    }),
    prisma.evalSet.findMany({
      where: { projectId: options.projectId },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, holdOut: true, nodeCount: true },
    }),
  ]);
  return {
    maxRound: rounds[0]?.max ?? 0,
    skills: skills.map((s) => s.skill).filter(Boolean),
    runs: runs.map((r) => {
      const name = (r.config as { name?: unknown } | null)?.name;
      const label = typeof name === "string" && name ? name : `Run ${r.id.slice(-8)}`;
      return { id: r.id, label: `${label} · ${r.rounds} rounds · ${r.createdAt.toISOString().slice(0, 10)}` };
    }),
    evalSets,
  };
}
