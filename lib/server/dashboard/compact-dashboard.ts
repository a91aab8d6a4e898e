import { getPrisma } from "@/lib/server/db/prisma";

/** A dashboard read that sums more deltas than this compacts its project (in the background). */
export const COMPACT_AFTER_DELTAS = 2_000;

/**
 * Folds the dashboard's deltas (of one project, or of all) into its totals:
 * the SQL function dashboard_compact (migration 20261207130000, decision 0037),
 * one transaction. Returns the delta rows folded, or null when another
 * compaction had the turn (it folds them).
 */
export async function compactDashboard(options: { projectId?: string } = {}): Promise<number | null> {
  const [row] = await getPrisma().$queryRaw<{ folded: number | null }[]>`
    SELECT dashboard_compact(${options.projectId ?? null}::uuid)::int AS folded`;
  return row?.folded ?? null;
}
