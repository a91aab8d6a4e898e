// `npm run worker`: one more process taking evolution steps from the queue.
// Start as many as you like, on this machine or others sharing DATABASE_URL.
import { localDatabaseUrl } from "@/lib/server/bootstrap/local-database-url";
import { loadEnv } from "@/lib/server/config/env";
import { disconnectPrisma } from "@/lib/server/db/prisma";
import { stopInProcessSimulator } from "@/lib/server/llm/endpoints";
import { startExportWorker } from "@/lib/server/jobs/export-worker";
import { startReaper } from "@/lib/server/jobs/reaper";
import { startStepWorker } from "@/lib/server/jobs/step-worker";

const log = (message: string) => console.log(`[worker ${process.pid}] ${message}`);

async function main() {
  const url = localDatabaseUrl(loadEnv());
  process.env.DATABASE_URL = url;
  const worker = await startStepWorker({ connectionString: url, log });
  const exportWorker = await startExportWorker({ connectionString: url, log });
  // Settles what a crash left behind (dead exports, steps whose job is gone), now and then periodically.
  const reaper = startReaper({ log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the steps in hand (up to 30 s)…`);
    await Promise.all([reaper.stop(), worker.stop(), exportWorker.stop()]);
    await stopInProcessSimulator();
    await disconnectPrisma();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(`[worker] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
