import { PgBoss } from "pg-boss";
import type { Queue } from "pg-boss";

export const STEP_QUEUE = "evolve-step";
export const EXPORT_QUEUE = "export";

// Why these settings: docs/decisions/0005-job-queue.md. `exclusive` with the
// step id as singletonKey keeps at most one queued-or-active job per step;
// the heartbeat lets a job held by a killed worker run again within seconds.
export function stepQueueOptions(env: NodeJS.ProcessEnv = process.env): Omit<Queue, "name"> {
  return {
    policy: "exclusive",
    notify: true,
    heartbeatSeconds: Number(env.EVOL_JOB_HEARTBEAT_SECONDS ?? 10),
    expireInSeconds: 60 * 60,
    retryLimit: 20,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
  };
}

// One job per export; a retry (after a crash) writes the export again from the start.
export function exportQueueOptions(): Omit<Queue, "name"> {
  return {
    policy: "standard",
    notify: true,
    heartbeatSeconds: 30,
    expireInSeconds: 60 * 60,
    retryLimit: 2,
    retryDelay: 5,
  };
}

const globalForBoss = globalThis as unknown as { evolBoss?: Promise<PgBoss> };

/**
 * This process's pg-boss client, for enqueueing. Supervision (expiry,
 * heartbeats, maintenance) runs in the workers, not here.
 */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.evolBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: requireDatabaseUrl(),
      max: 4,
      supervise: false,
      schedule: false,
      migrate: false,
      createSchema: false,
    });
    boss.on("error", (error) => console.error(`[queue] ${error.message}`));
    await boss.start();
    return boss;
  })();
  return globalForBoss.evolBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = await globalForBoss.evolBoss;
  globalForBoss.evolBoss = undefined;
  await boss?.stop({ graceful: false, close: true });
}

/** Installs or upgrades pg-boss's schema and creates our queues (idempotent); run before the app serves. */
export async function prepareQueue(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, max: 2, supervise: false, schedule: false, migrate: true });
  boss.on("error", (error) => console.error(`[queue] ${error.message}`));
  await boss.start();
  try {
    for (const [name, options] of [
      [STEP_QUEUE, stepQueueOptions()],
      [EXPORT_QUEUE, exportQueueOptions()],
    ] as const) {
      const existing = await boss.getQueue(name);
      if (!existing) await boss.createQueue(name, options);
      else
        await boss.updateQueue(name, {
          retryLimit: options.retryLimit,
          expireInSeconds: options.expireInSeconds,
          heartbeatSeconds: options.heartbeatSeconds,
        });
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  return url;
}
