import { getPrisma } from "@/lib/server/db/prisma";
import { EXPORT_QUEUE } from "@/lib/server/jobs/export-job";
import { RELEASE_QUEUE } from "@/lib/server/jobs/release-job";
import { STEP_QUEUE } from "@/lib/server/jobs/step-job";
import { countLiveWorkers } from "@/lib/server/jobs/worker-heartbeat";

export type CheckStatus = "ok" | "failing";

export interface HealthReport {
  /** ok: all well. degraded: pages work, but no worker is taking jobs. down: the database or the queue is unreachable. */
  status: "ok" | "degraded" | "down";
  checks: {
    database: { status: CheckStatus };
    queue: { status: CheckStatus };
    workers: { status: CheckStatus; live: number | null };
  };
}

const QUEUES = [STEP_QUEUE, EXPORT_QUEUE, RELEASE_QUEUE];
/** A check that has not answered by then counts as failing: a load balancer must not wait on a hung database. */
const CHECK_TIMEOUT_MS = 3_000;

function within<T>(work: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const succeeds = (work: () => Promise<unknown>): Promise<boolean> =>
  within(work()).then(
    () => true,
    () => false,
  );

/**
 * What /api/health reports: whether the database answers, whether the job
 * queue's schema and our queues are there (pg-boss keeps them in the same
 * database), and how many workers touched their heartbeat lately. Says
 * nothing else: no versions, hosts, counts of data or error messages.
 */
export async function checkHealth(): Promise<HealthReport> {
  const database = await succeeds(() => getPrisma().$queryRaw`SELECT 1`);
  const queue =
    database &&
    (await succeeds(async () => {
      const [row] = await getPrisma().$queryRaw<[{ found: number }]>`
        SELECT count(*)::int AS found FROM pgboss.queue WHERE name = ANY(${QUEUES})`;
      if (row.found !== QUEUES.length) throw new Error("a queue is missing");
    }));
  const live = database ? await within(countLiveWorkers()).catch(() => null) : null;
  const status = !database || !queue ? "down" : live ? "ok" : "degraded";
  return {
    status,
    checks: {
      database: { status: database ? "ok" : "failing" },
      queue: { status: queue ? "ok" : "failing" },
      workers: { status: live ? "ok" : "failing", live },
    },
  };
}
