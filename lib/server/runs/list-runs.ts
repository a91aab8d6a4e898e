import { getPrisma } from "@/lib/server/db/prisma";

/** A project's runs, newest first, with how far each got. */
export async function listRuns(options: { projectId: string; limit?: number }) {
  const rows = await getPrisma().$queryRaw<
    {
      id: string;
      status: string;
      mode: string;
      rounds: number;
      created_at: Date;
      name: string | null;
      endpoint: string | null;
      finished: bigint;
      passed: bigint;
      total: bigint;
    }[]
  >`
    SELECT r.id, r.status::text, r.mode::text, r.rounds, r.created_at, r.config->>'name' AS name, r.config->>'endpointLabel' AS endpoint,
           count(s.id) FILTER (WHERE s.status IN ('done', 'failed', 'skipped', 'cancelled')) AS finished,
           count(s.id) FILTER (WHERE s.passed) AS passed, count(s.id) AS total
    FROM runs r LEFT JOIN run_steps s ON s.run_id = r.id
    WHERE r.project_id = ${options.projectId}::uuid
    GROUP BY r.id ORDER BY r.created_at DESC LIMIT ${options.limit ?? 20}`;
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    mode: r.mode,
    rounds: r.rounds,
    createdAt: r.created_at,
    name: r.name || `Run ${r.id.slice(-8)}`,
    endpoint: r.endpoint ?? "",
    finished: Number(r.finished),
    passed: Number(r.passed),
    steps: Number(r.total),
  }));
}

export type RunRow = Awaited<ReturnType<typeof listRuns>>[number];
