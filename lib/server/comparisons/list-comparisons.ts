import { getPrisma } from "@/lib/server/db/prisma";

/** A project's latest comparisons, newest first, with both runs' methods and statuses. */
export async function listComparisons(options: { projectId: string; limit?: number }) {
  const run = {
    select: {
      status: true,
      methodVersion: { select: { version: true, method: { select: { name: true } } } },
    },
  } as const;
  const rows = await getPrisma().comparison.findMany({
    where: { projectId: options.projectId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 20,
    select: { id: true, name: true, createdAt: true, seedIds: true, runA: run, runB: run },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    seeds: row.seedIds.length,
    runs: [row.runA, row.runB].map((r) => ({
      method: `${r.methodVersion.method.name} v${r.methodVersion.version}`,
      status: r.status,
    })),
  }));
}
