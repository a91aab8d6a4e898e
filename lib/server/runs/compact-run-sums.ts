import { getPrisma } from "@/lib/server/db/prisma";

/** A run whose call or node sums have more rows than this is compacted by the reaper. */
export const COMPACT_RUN_SUMS_AFTER_ROWS = 500;

/**
 * Folds the append-only sums of calls and nodes (migration 20261207160000) of
 * every run with more than `afterRows` rows into one row per group: the SQL
 * function run_sums_compact, one transaction per run. Returns the runs folded
 * (a run another compaction holds is skipped; it folds it).
 */
export async function compactRunSums(options: { afterRows?: number } = {}): Promise<string[]> {
  const afterRows = options.afterRows ?? COMPACT_RUN_SUMS_AFTER_ROWS;
  const prisma = getPrisma();
  const runs = await prisma.$queryRaw<{ run_id: string }[]>`
    SELECT run_id::text FROM run_node_sums GROUP BY run_id HAVING count(*) > ${afterRows}
    UNION
    SELECT run_id::text FROM run_call_sums GROUP BY run_id HAVING count(*) > ${afterRows}`;
  const folded: string[] = [];
  for (const { run_id } of runs) {
    const [row] = await prisma.$queryRaw<{ done: boolean }[]>`SELECT run_sums_compact(${run_id}::uuid) AS done`;
    if (row?.done) folded.push(run_id);
  }
  return folded;
}
