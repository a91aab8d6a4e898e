import type { EmbeddedDatabase } from "@/lib/server/db/embedded-postgres";

/** Tries to start it again after one crash; also how many crashes within CRASH_WINDOW_MS are restarted. */
export const MAX_RESTARTS = 3;
const CRASH_WINDOW_MS = 5 * 60_000;

/**
 * Watches the embedded Postgres the launcher started: when it exits and the
 * launcher is not stopping (`isStopping`), it is started again, with a log
 * line for each try. More than MAX_RESTARTS crashes within five minutes (a
 * server that will not stay up), or MAX_RESTARTS failed tries, calls
 * `giveUp` with the reason: the launcher then stops everything and exits
 * non-zero for a supervisor to see.
 */
export function superviseDatabase(options: {
  database: EmbeddedDatabase;
  isStopping: () => boolean;
  log: (message: string) => void;
  giveUp: (reason: string) => void;
  /** Pause before each try, growing with the try's number. */
  backoffMs?: number;
}): void {
  const { database, isStopping, log, giveUp, backoffMs = 1_000 } = options;
  const crashes: number[] = [];
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const watch = async (): Promise<void> => {
    const how = await database.exited();
    // Ctrl-C reaches Postgres as well as the launcher: let the launcher's own handler say it is stopping.
    await sleep(300);
    if (isStopping()) return;
    const now = Date.now();
    crashes.push(now);
    while (now - crashes[0]! > CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length > MAX_RESTARTS) {
      return giveUp(`embedded Postgres stopped unexpectedly (${how}), ${crashes.length} times within 5 minutes`);
    }
    log(`embedded Postgres stopped unexpectedly (${how})`);
    let lastError = "";
    for (let attempt = 1; attempt <= MAX_RESTARTS; attempt++) {
      log(`restarting embedded Postgres (try ${attempt} of ${MAX_RESTARTS})`);
      await sleep(backoffMs * attempt);
      if (isStopping()) return;
      try {
        await database.restart();
        log(`embedded Postgres is running again on 127.0.0.1:${database.port}`);
        return watch();
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        log(`restarting embedded Postgres failed: ${lastError}`);
      }
    }
    giveUp(`embedded Postgres could not be restarted (${MAX_RESTARTS} tries); the last error: ${lastError}`);
  };
  void watch();
}
