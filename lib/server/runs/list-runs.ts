import { getPrisma } from "@/lib/server/db/prisma";
import { personLabel } from "@/lib/users/person-label";

/** A project's runs, newest first, with how far each got and who started each (null: the command line, or a deleted account). */
export async function listRuns(options: { projectId: string; limit?: number }) {
  const rows = await getPrisma().$queryRaw<
    {
      id: string;
      status: string;
      mode: string;
      batch: boolean;
      method: string | null;
      rounds: number;
      created_at: Date;
      name: string | null;
      endpoint: string | null;
      starter_name: string | null;
      starter_email: string | null;
      finished: bigint;
      passed: bigint;
      total: bigint;
    }[]
  >`
    SELECT r.id, r.status::text, r.mode::text, r.batch, m.name || ' v' || mv.version AS method, r.rounds, r.created_at, r.config->>'name' AS name, r.config->>'endpointLabel' AS endpoint,
           u.name AS starter_name, u.email AS starter_email,
           count(s.id) FILTER (WHERE s.status IN ('done', 'failed', 'skipped', 'cancelled')) AS finished,
           count(s.id) FILTER (WHERE s.passed) AS passed, count(s.id) AS total
    FROM runs r LEFT JOIN run_steps s ON s.run_id = r.id LEFT JOIN users u ON u.id = r.created_by_id
      LEFT JOIN method_versions mv ON mv.id = r.method_version_id LEFT JOIN methods m ON m.id = mv.method_id
    WHERE r.project_id = ${options.projectId}::uuid
    GROUP BY r.id, u.id, m.id, mv.id ORDER BY r.created_at DESC LIMIT ${options.limit ?? 20}`;
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    mode: r.mode,
    /** Sends its calls through the Batch API. */
    batch: r.batch,
    /** "paper v1", "code v2", …: the method version its prompts were made of. */
    method: r.method,
    rounds: r.rounds,
    createdAt: r.created_at,
    name: r.name || `Run ${r.id.slice(-8)}`,
    endpoint: r.endpoint ?? "",
    startedBy: r.starter_email ? personLabel({ name: r.starter_name, email: r.starter_email }) : null,
    finished: Number(r.finished),
    passed: Number(r.passed),
    steps: Number(r.total),
  }));
}

export type RunRow = Awaited<ReturnType<typeof listRuns>>[number];
