import { PgBoss } from "pg-boss";
import { reportDatabaseError } from "@/lib/server/db/database-health";
import { DATABASE_CONNECTION_OPTIONS } from "@/lib/server/db/connect-timeout";
import { quietLog } from "./quiet-log";

/**
 * A started pg-boss client for one worker: no schedule or migration (the
 * launcher prepares the queue), errors logged once per kind under `label`, and
 * none at all once stopping (the database may go away under idle connections
 * then) or while the database is unreachable (database-health reports that,
 * once). `stop` ends it gracefully.
 */
export async function startWorkerBoss(options: {
  connectionString: string;
  /** Pool size. */
  max: number;
  /** Seconds between pg-boss's supervise and monitor passes. */
  superviseSeconds: number;
  label: string;
  log?: (message: string) => void;
}): Promise<{ boss: PgBoss; stop: () => Promise<void> }> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: options.max,
    // With keepalive: a fetch whose reply never comes fails once the OS finds the host gone, not never. No reply
    // timeout here (unlike the step path's statements): pg-boss's maintenance may rightly take minutes.
    ...DATABASE_CONNECTION_OPTIONS,
    useListenNotify: true,
    superviseIntervalSeconds: options.superviseSeconds,
    monitorIntervalSeconds: options.superviseSeconds,
    schedule: false,
    migrate: false,
  });
  let stopping = false;
  const logError = quietLog((message) => options.log?.(message));
  boss.on("error", (error) => {
    if (stopping || reportDatabaseError(error)) return;
    logError(`${options.label} error: ${error.message}`);
  });
  await boss.start();
  return {
    boss,
    stop: async () => {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 30_000, close: true });
    },
  };
}
