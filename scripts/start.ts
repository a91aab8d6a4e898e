// `npm start` / `npm run dev`: prepares the database and the queue, creates the
// first admin, builds when there is no build, then runs the web server (Next
// behind scripts/web-server.ts) and the workers (in this process).
// It owns what it starts: when the web server dies, or Postgres cannot be
// brought back, it stops the rest and exits non-zero; on SIGINT/SIGTERM it
// stops the workers, then the web server, then Postgres, and exits 0 only
// once all of them are gone (bounded: what hangs is killed). Its children
// stop by themselves if it is killed (see lib/server/bootstrap/child-process.ts).
// It runs with tsx as a loader (`node --import tsx`), not under the tsx
// command, whose signal relay SIGKILLs a script that has not acknowledged a
// signal within 30 ms: on a busy machine that cut the shutdown short.
import { existsSync } from "node:fs";
import path from "node:path";
import { spawnOwnedChild, type OwnedChild } from "@/lib/server/bootstrap/child-process";
import { annotateNextLine } from "@/lib/server/bootstrap/next-output";
import { prepareEnvironment, type PreparedEnvironment } from "@/lib/server/bootstrap/prepare-environment";
import { installProcessHandlers } from "@/lib/server/bootstrap/process-handlers";
import { superviseDatabase } from "@/lib/server/bootstrap/supervise-database";
import { loadEnv } from "@/lib/server/config/env";
import { disconnectPrisma } from "@/lib/server/db/prisma";
import { stopInProcessSimulator } from "@/lib/server/llm/endpoints";
import { startDiversityWorker } from "@/lib/server/jobs/diversity-worker";
import { startExportWorker } from "@/lib/server/jobs/export-worker";
import { startReaper } from "@/lib/server/jobs/reaper";
import { startStepWorker } from "@/lib/server/jobs/step-worker";
import { startWorkerHeartbeat } from "@/lib/server/jobs/worker-heartbeat";
import { ensureAdmin } from "@/lib/server/users/ensure-admin";

const dev = process.argv.includes("--dev");
const log = (message: string) => console.log(`[evol] ${message}`);

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const webServerScript = path.resolve("scripts/web-server.ts");
/** Past this, a stop that is still going kills what is left and exits. */
const SHUTDOWN_DEADLINE_MS = 75_000;

type Stoppable = { stop(): Promise<void> };

let stopping = false;
let prepared: PreparedEnvironment | null = null;
let child: OwnedChild | null = null;
const workers: Stoppable[] = [];

/** Stops whatever runs, in order (workers, web server or build, Postgres), then exits with `code`. */
async function shutdown(reason: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(code === 0 ? `${reason}: stopping` : `${reason}: stopping everything`);
  setTimeout(() => {
    log(`still stopping after ${SHUTDOWN_DEADLINE_MS / 1000} s: killing what is left`);
    child?.child.kill("SIGKILL");
    // Exiting stops Postgres (lib/server/db/embedded-postgres/server-process.ts).
    process.exit(code || 1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  // Workers first, so no step is cut off by the database going away.
  await Promise.all(workers.map((worker) => worker.stop().catch((error: Error) => log(`stopping: ${error.message}`))));
  await stopInProcessSimulator().catch(() => {});
  await disconnectPrisma().catch(() => {});
  await child?.stop("SIGTERM", 15_000);
  if (prepared?.embedded) {
    log("stopping embedded Postgres");
    await prepared.embedded.stop();
  }
  if (code !== 0) log(`stopped: ${reason}`);
  process.exit(code);
}

/** Runs `next build` when there is no production build; false when it failed. */
async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<boolean> {
  if (dev || existsSync(".next/BUILD_ID")) return true;
  log("no production build found: running `next build` first (about a minute)");
  child = spawnOwnedChild({ args: [nextBin, "build"], env });
  const how = await child.exited;
  child = null;
  if (how === "code 0" || stopping) return true;
  await shutdown(`\`next build\` failed (${how})`, 1);
  return false;
}

async function main() {
  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));
  installProcessHandlers({ log, stop: (reason) => shutdown(reason, 1) });

  // Every setting is checked before anything starts: a bad one stops here, naming the variable.
  const settings = loadEnv();
  prepared = await prepareEnvironment({ env: settings, log });
  if (stopping) return;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: prepared.databaseUrl,
    BETTER_AUTH_SECRET: prepared.authSecret,
    APP_URL: settings.APP_URL,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  Object.assign(process.env, env);
  await ensureAdmin({ email: settings.ADMIN_EMAIL, password: settings.ADMIN_PASSWORD, log });
  await disconnectPrisma();
  if (prepared.embedded) {
    superviseDatabase({
      database: prepared.embedded,
      isStopping: () => stopping,
      log,
      giveUp: (reason) => void shutdown(reason, 1),
    });
  }
  if (!(await buildIfNeeded(env)) || stopping) return;

  // As tsx's loader, like this launcher (see the note at the top).
  let serving = false;
  const webServer = spawnOwnedChild({
    args: ["--import", "tsx", webServerScript, ...(dev ? ["--dev"] : [])],
    env: { ...env, NODE_ENV: dev ? "development" : "production" },
    onLine: (line) => {
      if (line.startsWith("[evol] serving on ")) serving = true;
      for (const out of annotateNextLine(line, settings.APP_URL)) console.log(out);
    },
  });
  child = webServer;
  void webServer.exited.then((how) => {
    if (stopping) return;
    void shutdown(`the web server ${serving ? "stopped unexpectedly" : "could not start"} (exit: ${how})`, 1);
  });

  // Evolution steps run in this process by default (EVOL_WORKERS=0 turns
  // that off, e.g. when dedicated `npm run worker` processes do the work).
  if (settings.EVOL_WORKERS) {
    const connectionString = prepared.databaseUrl;
    for (const start of [
      () => startStepWorker({ connectionString, log }),
      () => startExportWorker({ connectionString, log }),
      () => startDiversityWorker({ connectionString, log }),
      async () => startWorkerHeartbeat(),
      // Settles what a crash left behind (dead exports, steps whose job is gone), now and then periodically.
      async () => startReaper({ log }),
    ]) {
      const worker = await start();
      // A stop that came while this one started has already stopped the others.
      if (stopping) return void (await worker.stop());
      workers.push(worker);
    }
  }
}

main().catch(async (error) => {
  console.error(`[evol] could not start: ${error instanceof Error ? error.message : String(error)}`);
  // Before the database was ready nothing else runs (prepareEnvironment stops its own Postgres when it fails).
  if (prepared && !stopping) await shutdown("could not start", 1);
  process.exit(1);
});
