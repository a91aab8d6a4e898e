/**
 * Process-level safety nets for the launcher, the web server and workers.
 * A rejected promise nobody awaited is logged and the process keeps serving:
 * it is one request's or one job's failure. An uncaught exception leaves the
 * process in an unknown state, so it is logged and the process stops in an
 * orderly way (`stop`), bounded by `deadlineMs`; the launcher then stops the
 * rest and exits non-zero, for a supervisor to restart.
 */
export function installProcessHandlers(options: {
  log: (message: string) => void;
  stop: (reason: string) => Promise<void> | void;
  deadlineMs?: number;
}): void {
  const { log, stop, deadlineMs = 45_000 } = options;
  process.on("unhandledRejection", (reason) => {
    log(`unhandled rejection (carrying on): ${describe(reason)}`);
  });
  let failed = false;
  process.on("uncaughtException", (error) => {
    log(`uncaught exception: ${describe(error)}`);
    if (failed) return;
    failed = true;
    process.exitCode = 1;
    setTimeout(() => {
      log(`still stopping after ${deadlineMs / 1000} s: exiting now`);
      process.exit(1);
    }, deadlineMs).unref();
    void Promise.resolve()
      .then(() => stop("uncaught exception"))
      .catch((stopError: unknown) => log(`stopping failed: ${describe(stopError)}`));
  });
}

function describe(value: unknown): string {
  return value instanceof Error ? (value.stack ?? value.message) : String(value);
}
