import type { PageCursor } from "@/lib/routes/api-pagination";
import { getPrisma } from "@/lib/server/db/prisma";
import { personLabel } from "@/lib/users/person-label";

export interface RunPageRow {
  id: string;
  name: string;
  status: string;
  mode: "continuous" | "gated";
  batch: boolean;
  method: string | null;
  rounds: number;
  currentRound: number;
  endpoint: string;
  startedBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  steps: number;
  finished: number;
  passed: number;
}

/**
 * One page of a project's runs, newest first, after `after`, with how far
 * each got (the runs page shows the first one, lib/server/runs/list-runs.ts). Fetches
 * `limit` rows (ask one more to learn whether a next page exists).
 */
export async function listRunsPage(options: {
  projectId: string;
  after: PageCursor | null;
  limit: number;
}): Promise<RunPageRow[]> {
  const afterAt = options.after?.createdAt ?? null;
  const afterId = options.after?.id ?? null;
  const rows = await getPrisma().$queryRaw<
    {
      id: string;
      status: string;
      mode: "continuous" | "gated";
      batch: boolean;
      method: string | null;
      rounds: number;
      current_round: number;
      created_at: Date;
      finished_at: Date | null;
      name: string | null;
      endpoint: string | null;
      starter_name: string | null;
      starter_email: string | null;
      finished: bigint;
      passed: bigint;
      total: bigint;
    }[]
  >`
    WITH page AS (
      SELECT r.* FROM runs r
      WHERE r.project_id = ${options.projectId}::uuid
        AND (${afterAt}::timestamp IS NULL OR (r.created_at, r.id) < (${afterAt}::timestamp, ${afterId}::uuid))
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT ${options.limit}
    )
    SELECT r.id, r.status::text, r.mode::text, r.batch, m.name || ' v' || mv.version AS method, r.rounds,
           r.current_round, r.created_at, r.finished_at, r.config->>'name' AS name,
           r.config->>'endpointLabel' AS endpoint, u.name AS starter_name, u.email AS starter_email,
           c.finished, c.passed, c.total
    FROM page r
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s.status IN ('done', 'failed', 'skipped', 'cancelled')) AS finished,
               count(*) FILTER (WHERE s.passed) AS passed, count(*) AS total
        FROM run_steps s WHERE s.run_id = r.id) c
      LEFT JOIN users u ON u.id = r.created_by_id
      LEFT JOIN method_versions mv ON mv.id = r.method_version_id LEFT JOIN methods m ON m.id = mv.method_id
    ORDER BY r.created_at DESC, r.id DESC`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name || `Run ${r.id.slice(-8)}`,
    status: r.status,
    mode: r.mode,
    batch: r.batch,
    method: r.method,
    rounds: r.rounds,
    currentRound: r.current_round,
    endpoint: r.endpoint ?? "",
    startedBy: r.starter_email ? personLabel({ name: r.starter_name, email: r.starter_email }) : null,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    steps: Number(r.total),
    finished: Number(r.finished),
    passed: Number(r.passed),
  }));
}
