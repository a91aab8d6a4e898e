import { PgBoss } from "pg-boss";
import { getEnv } from "@/lib/server/config/env";
import { reportDatabaseError } from "@/lib/server/db/database-health";
import { DATABASE_CONNECTION_OPTIONS } from "@/lib/server/db/connect-timeout";
import { quietLog } from "./quiet-log";

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
      ...DATABASE_CONNECTION_OPTIONS,
      supervise: false,
      schedule: false,
      migrate: false,
      createSchema: false,
    });
    // An unreachable database is logged once by database-health; anything else at most once per 30 s.
    const logError = quietLog((message) => console.error(message));
    boss.on("error", (error) => {
      if (!reportDatabaseError(error)) logError(`[queue] ${error.message}`);
    });
    await boss.start();
    return boss;
  })();
  // A start that failed (the database was gone) is not kept: the next call tries again.
  const starting = globalForBoss.evolBoss;
  starting.catch(() => {
    if (globalForBoss.evolBoss === starting) globalForBoss.evolBoss = undefined;
  });
  return starting;
}

export async function stopBoss(): Promise<void> {
  const boss = await globalForBoss.evolBoss;
  globalForBoss.evolBoss = undefined;
  await boss?.stop({ graceful: false, close: true });
}

function requireDatabaseUrl(): string {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  return url;
}
