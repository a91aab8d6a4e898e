import { DIFFICULTY_BUCKETS, type DifficultyBucket } from "@/lib/eval-sets/difficulty-buckets";
import type { SampleReport } from "@/lib/eval-sets/stratified-sample";
import { getPrisma } from "@/lib/server/db/prisma";

export interface EvalSetRow {
  id: string;
  name: string;
  holdOut: boolean;
  sizes: Record<DifficultyBucket, number>;
  seed: string;
  report: SampleReport;
  nodeCount: number;
  createdAt: string;
  by: string;
}

/** A project's evaluation sets, newest first. */
export async function listEvalSets(options: { projectId: string }): Promise<EvalSetRow[]> {
  const sets = await getPrisma().evalSet.findMany({
    where: { projectId: options.projectId },
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { email: true } } },
  });
  return sets.map((s) => ({
    id: s.id,
    name: s.name,
    holdOut: s.holdOut,
    sizes: Object.fromEntries(
      DIFFICULTY_BUCKETS.map((b) => [b, Number((s.sizes as Record<string, unknown>)[b] ?? 0)]),
    ) as Record<DifficultyBucket, number>,
    seed: s.seed,
    report: s.counts as unknown as SampleReport,
    nodeCount: s.nodeCount,
    createdAt: s.createdAt.toISOString(),
    by: s.createdBy?.email ?? "—",
  }));
}
