import { randomUUID } from "node:crypto";
import os from "node:os";
import { getPrisma } from "@/lib/server/db/prisma";

/** How often a worker touches its row, and how old a row may be before it no longer counts as alive. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_FRESH_MS = 30_000;
/** Rows of workers that were killed (no clean stop) are removed once this old. */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface WorkerHeartbeat {
  stop(): Promise<void>;
}

/**
 * Keeps a row for this worker process fresh in worker_heartbeats, so the
 * health check (lib/server/health/check-health.ts) can tell whether any
 * worker is alive without asking each one. A beat that fails (the database is
 * gone for a while) is skipped: the next one recreates the row.
 */
export function startWorkerHeartbeat(options: { intervalMs?: number } = {}): WorkerHeartbeat {
  const id = randomUUID();
  const row = { host: os.hostname(), pid: process.pid };
  let inFlight: Promise<unknown> = Promise.resolve();
  const beat = () => {
    // The database's clock, not ours: workers on other machines are compared on one clock.
    inFlight = getPrisma()
      .$executeRaw`INSERT INTO worker_heartbeats (id, host, pid) VALUES (${id}::uuid, ${row.host}, ${row.pid})
        ON CONFLICT (id) DO UPDATE SET seen_at = now()`
      .then(
        () =>
          getPrisma().$executeRaw`DELETE FROM worker_heartbeats
            WHERE seen_at < now() - make_interval(secs => ${PRUNE_AFTER_MS / 1000})`,
      )
      .catch(() => {});
  };
  beat();
  const timer = setInterval(beat, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await getPrisma()
        .workerHeartbeat.deleteMany({ where: { id } })
        .catch(() => {});
    },
  };
}

/** How many workers touched their row within HEARTBEAT_FRESH_MS. */
export async function countLiveWorkers(): Promise<number> {
  const [row] = await getPrisma().$queryRaw<[{ live: number }]>`SELECT count(*)::int AS live FROM worker_heartbeats
    WHERE seen_at >= now() - make_interval(secs => ${HEARTBEAT_FRESH_MS / 1000})`;
  return row.live;
}
