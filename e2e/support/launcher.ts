// Starts the app as `npm start` does, on a throw-away data folder and ports
// of its own, for specs about the launcher itself (e2e/launcher-faults.spec.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export const LAUNCHER_ADMIN = { email: "launcher-admin@e2e.test", password: "launcher-admin-password" };

export interface Launcher {
  child: ChildProcess;
  pid: number;
  appUrl: string;
  output(): string;
}

export interface AppPlace {
  dataDir: string;
  port: number;
  postgresPort: number;
}

/** `detached`: in a process group of its own (as a supervisor or a terminal runs it), so the test can kill the group. */
export function startLauncher(place: AppPlace, options: { detached?: boolean } = {}): Launcher {
  const appUrl = `http://localhost:${place.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(place.port),
    EMBEDDED_POSTGRES_PORT: String(place.postgresPort),
    EVOL_DATA_DIR: place.dataDir,
    APP_URL: appUrl,
    ADMIN_EMAIL: LAUNCHER_ADMIN.email,
    ADMIN_PASSWORD: LAUNCHER_ADMIN.password,
    DATABASE_URL: "",
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
    SIMULATOR_URL: "",
  };
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, pid: child.pid!, appUrl, output: () => output };
}

export async function health(appUrl: string): Promise<{ status: number; body: { status?: string } | null }> {
  try {
    const response = await fetch(`${appUrl}/api/health`);
    return { status: response.status, body: (await response.json()) as { status?: string } };
  } catch {
    return { status: 0, body: null };
  }
}

/** Resolves once /api/health says ok; rejects when the launcher exits first or after `timeoutMs`. */
export async function waitForHealthy(launcher: Launcher, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (launcher.child.exitCode !== null)
      throw new Error(`the launcher exited (${launcher.child.exitCode}):\n${launcher.output()}`);
    if ((await health(launcher.appUrl)).body?.status === "ok") return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${launcher.output()}`);
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the launcher did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Alive and not a zombie (a zombie runs nothing and holds no port). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

/** Every process descending from `pid` (its children, theirs …), found through /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // It exited meanwhile.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** Resolves once none of `pids` runs; rejects naming the ones left after `timeoutMs`. */
export async function waitUntilGone(pids: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(isRunning);
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      const names = left.map((pid) => `${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ")}`);
      throw new Error(`still running after ${timeoutMs} ms:\n${names.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function postmasterPid(dataDir: string): Promise<number | null> {
  const file = path.join(dataDir, "postgres", "cluster", "postmaster.pid");
  if (!existsSync(file)) return null;
  return Number((await readFile(file, "utf8")).split("\n")[0]);
}

/** Listens on 127.0.0.1:`port` (as another program would, hanging up on whoever connects), trying until it is free. */
export async function holdPort(port: number, timeoutMs = 5_000): Promise<net.Server> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const server = net.createServer((socket) => socket.destroy());
    const error = await new Promise<Error | null>((resolve) => {
      server.once("error", resolve);
      server.listen(port, "127.0.0.1", () => resolve(null));
    });
    if (!error) return server;
    if (Date.now() > deadline) throw error;
    await new Promise((r) => setTimeout(r, 10));
  }
}
