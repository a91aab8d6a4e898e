// `npm start` / `npm run dev`: prepares the database and the queue, creates the
// first admin, builds when there is no build, then runs the web server (Next
// behind scripts/web-server.ts) and an evolution worker; on SIGINT/SIGTERM it
// stops the worker, then the web server, then Postgres.
// It runs with tsx as a loader (`node --import tsx`), not under the tsx
// command, whose signal relay SIGKILLs a script that has not acknowledged a
// signal within 30 ms: on a busy machine that cut the shutdown short and
// left Next running.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { annotateNextLine } from "@/lib/server/bootstrap/next-output";
import { prepareEnvironment } from "@/lib/server/bootstrap/prepare-environment";
import { loadEnv } from "@/lib/server/config/env";
import { disconnectPrisma } from "@/lib/server/db/prisma";
import { stopInProcessSimulator } from "@/lib/server/llm/endpoints";
import { startExportWorker, type ExportWorker } from "@/lib/server/jobs/export-worker";
import { startReaper } from "@/lib/server/jobs/reaper";
import { startStepWorker, type StepWorker } from "@/lib/server/jobs/step-worker";
import { ensureAdmin } from "@/lib/server/users/ensure-admin";

const dev = process.argv.includes("--dev");
const log = (message: string) => console.log(`[evol] ${message}`);

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const webServer = path.resolve("scripts/web-server.ts");

// `next build` and the web server run in a process group of their own, so
// stopping the group stops all of it and no server outlives the launcher.
// With `appUrl`, the lines the server prints are annotated (see annotateNextLine).
function run(args: string[], env: NodeJS.ProcessEnv, appUrl?: string) {
  const child = spawn(process.execPath, args, {
    stdio: ["inherit", appUrl ? "pipe" : "inherit", "inherit"],
    env,
    detached: true,
  });
  if (appUrl && child.stdout) {
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", (line) => {
      for (const out of annotateNextLine(line, appUrl)) console.log(out);
    });
  }
  return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the web server's whole process group and waits until every process
 * of it is gone: the database must outlive all of them.
 */
async function stopGroup(child: ReturnType<typeof run>, signal: NodeJS.Signals) {
  const pid = child.pid;
  if (!pid) return;
  signalGroup(pid, signal);
  for (let waited = 0; signalGroup(pid, 0); waited += 100) {
    if (waited >= 15_000) {
      signalGroup(pid, "SIGKILL");
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  // Every setting is checked before anything starts: a bad one stops here, naming the variable.
  const settings = loadEnv();
  const prepared = await prepareEnvironment({ env: settings, log });
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

  let stopping = false;
  const stopDatabase = async () => {
    if (prepared.embedded) {
      log("stopping embedded Postgres");
      await prepared.embedded.stop();
    }
  };
  if (!dev && !existsSync(".next/BUILD_ID")) {
    log("no production build found: running `next build` first (about a minute)");
    const code = await new Promise<number>((resolve) =>
      run([nextBin, "build"], env).on("exit", (c) => resolve(c ?? 1)),
    );
    if (code !== 0) {
      await stopDatabase();
      process.exit(code);
    }
  }
  // As tsx's loader, like this launcher (see the note at the top).
  const server = run(
    ["--import", "tsx", webServer, ...(dev ? ["--dev"] : [])],
    { ...env, NODE_ENV: dev ? "development" : "production" },
    settings.APP_URL,
  );
  let worker: StepWorker | null = null;
  let exportWorker: ExportWorker | null = null;
  let reaper: { stop(): Promise<void> } | null = null;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Workers first, so no step is cut off by the database going away.
    await Promise.all([
      reaper?.stop(),
      worker?.stop().catch((error: Error) => log(`worker stop: ${error.message}`)),
      exportWorker?.stop().catch((error: Error) => log(`export worker stop: ${error.message}`)),
    ]);
    await stopInProcessSimulator();
    await disconnectPrisma();
    await stopGroup(server, signal);
  };
  // Postgres is stopped last, once Next has exited (see below), so nothing loses the database while it stops.
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  server.on("exit", async (code) => {
    if (!stopping) await Promise.all([worker?.stop().catch(() => {}), exportWorker?.stop().catch(() => {})]);
    await stopGroup(server, "SIGTERM");
    await stopDatabase();
    // A stop we were asked for is a success, whatever code Next chose for it (143 after SIGTERM).
    process.exit(stopping ? 0 : (code ?? 0));
  });
  // Evolution steps run in this process by default (EVOL_WORKERS=0 turns
  // that off, e.g. when dedicated `npm run worker` processes do the work).
  // They start after the signal handlers, so a stop asked for meanwhile still stops Next and Postgres.
  if (settings.EVOL_WORKERS) {
    worker = await startStepWorker({ connectionString: prepared.databaseUrl, log });
    exportWorker = await startExportWorker({ connectionString: prepared.databaseUrl, log });
    // Settles what a crash left behind (dead exports, steps whose job is gone), now and then periodically.
    reaper = startReaper({ log });
  }
}

main().catch((error) => {
  console.error(`[evol] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
