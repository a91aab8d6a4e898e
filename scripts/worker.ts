// `npm run worker`: one more process taking evolution steps from the queue.
// Start as many as you like, on this machine or others sharing DATABASE_URL.
import { localDatabaseUrl } from "@/lib/server/bootstrap/local-database-url";
import { installProcessHandlers } from "@/lib/server/bootstrap/process-handlers";
import { loadEnv } from "@/lib/server/config/env";
import { disconnectPrisma } from "@/lib/server/db/prisma";
import { stopInProcessSimulator } from "@/lib/server/llm/endpoints";
import { startDiversityWorker } from "@/lib/server/jobs/diversity-worker";
import { startExportWorker } from "@/lib/server/jobs/export-worker";
import { startReaper } from "@/lib/server/jobs/reaper";
import { startStepWorker } from "@/lib/server/jobs/step-worker";
import { startWorkerHeartbeat } from "@/lib/server/jobs/worker-heartbeat";

const log = (message: string) => console.log(`[worker ${process.pid}] ${message}`);
/** The steps in hand get 30 s (pg-boss's graceful stop); past this the process exits regardless. */
const STOP_DEADLINE_MS = 45_000;

async function main() {
  const url = localDatabaseUrl(loadEnv());
  process.env.DATABASE_URL = url;
  let stopping = false;
  const parts: { stop(): Promise<void> }[] = [];
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: finishing the steps in hand (up to 30 s)…`);
    setTimeout(() => process.exit(process.exitCode ?? 0), STOP_DEADLINE_MS).unref();
    await Promise.all(parts.map((part) => part.stop().catch((error: Error) => log(`stopping: ${error.message}`))));
    await stopInProcessSimulator();
    await disconnectPrisma();
    process.exit(process.exitCode ?? 0);
  };
  installProcessHandlers({ log, stop, deadlineMs: STOP_DEADLINE_MS });
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  parts.push(await startStepWorker({ connectionString: url, log }));
  parts.push(await startExportWorker({ connectionString: url, log }));
  parts.push(await startDiversityWorker({ connectionString: url, log }));
  parts.push(startWorkerHeartbeat());
  // Settles what a crash left behind (dead exports, steps whose job is gone), now and then periodically.
  parts.push(startReaper({ log }));
}

main().catch((error) => {
  console.error(`[worker] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
