import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";

/** A dashboard read that sums more deltas than this compacts its project (in the background). */
export const COMPACT_AFTER_DELTAS = 2_000;

// Compactions take turns (a try lock: one that finds another running leaves the deltas to it).
// Two at once would each lock part of the deltas and wait for the other's part.
const COMPACTION_LOCK = 0x64617368; // "dash"

const GROUP = Prisma.raw(
  `"project_id", "kind", "round", "operation", "seed", "verdict", "human_status", "difficulty", "rule", "words"`,
);

/**
 * Folds the dashboard's deltas into its totals in one transaction: the deltas
 * are deleted and their sums added to the totals, groups that reach zero are
 * dropped. Writers only ever insert deltas, so they never wait for this; a
 * delta committed meanwhile stays for the next compaction. Deltas of a project
 * that is gone are dropped. Returns the delta rows folded, or null when another
 * compaction held the turn.
 */
export async function compactDashboard(options: { projectId?: string } = {}): Promise<number | null> {
  const only = options.projectId ? Prisma.sql`WHERE "project_id" = ${options.projectId}::uuid` : Prisma.empty;
  return getPrisma().$transaction(async (tx) => {
    const [turn] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${COMPACTION_LOCK}) AS ok`;
    if (!turn?.ok) return null;
    const [moved] = await tx.$queryRaw<{ rows: number; projects: string[] | null }[]>`
      WITH moved AS (DELETE FROM "dashboard_deltas" ${only} RETURNING ${GROUP}, "nodes"),
      summed AS (
        SELECT ${GROUP}, sum("nodes")::bigint AS "nodes" FROM moved m
        WHERE EXISTS (SELECT 1 FROM "projects" p WHERE p."id" = m."project_id")
        GROUP BY ${GROUP} HAVING sum("nodes") <> 0
      ),
      added AS (
        INSERT INTO "dashboard_totals" (${GROUP}, "nodes") SELECT * FROM summed
        ON CONFLICT (${GROUP}) DO UPDATE SET "nodes" = "dashboard_totals"."nodes" + EXCLUDED."nodes"
        RETURNING "project_id"
      )
      SELECT (SELECT count(*)::int FROM moved) AS rows, (SELECT array_agg(DISTINCT "project_id")::text[] FROM added) AS projects`;
    if (moved?.projects?.length)
      await tx.$executeRaw`
        DELETE FROM "dashboard_totals" WHERE "project_id" = ANY(${moved.projects}::uuid[]) AND "nodes" = 0`;
    return moved?.rows ?? 0;
  });
}
