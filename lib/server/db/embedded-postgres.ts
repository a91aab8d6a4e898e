import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { chooseLocations } from "./embedded-postgres/choose-locations";
import { bestLocale, initialiseCluster, SUPERUSER } from "./embedded-postgres/initdb";
import { readPostmasterPid, stopOrphanedServer } from "./embedded-postgres/orphaned-server";
import { ServerStartError, startServer, type RunningServer } from "./embedded-postgres/server-process";

export interface EmbeddedDatabase {
  /** Connection string for `database` on the embedded server. */
  url: string;
  port: number;
  /** Resolves when the server running now exits (how: "code 0", "SIGKILL"), whoever stopped it. */
  exited(): Promise<string>;
  /** Starts the server again on the same data and port, after it exited. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

// What Postgres says while a server it replaces is still going away: its
// shared memory still attached, its pid file or socket still there.
const PASSING = /lock file .* already exists|pre-existing shared memory block|Address already in use/;
const START_RETRY_MS = 8_000;

/**
 * Starts a real Postgres from the `embedded-postgres` package's binaries with
 * its data in `dataDir` (created on first use), bound to 127.0.0.1, and makes
 * sure `database` exists. As root it runs as the postgres user, with the
 * binaries and the cluster moved where that user can reach them when needed
 * (see chooseLocations). Only the process's `exit` is hooked: SIGINT and
 * SIGTERM stay the caller's, which stops the server itself.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const { port, database } = options;
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const password = await readOrCreatePassword(path.join(dataDir, "password"));
  const { binaries, clusterDir, user } = await chooseLocations({ dataDir, log: options.log });
  const locale = await bestLocale();
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    options.log?.(`initialising embedded Postgres in ${clusterDir}`);
    await initialiseCluster({ binaries, clusterDir, password, user, locale });
  }
  const start = async () => {
    await stopOrphanedServer(clusterDir);
    return startSoon(() => startServer({ binaries, clusterDir, port, user, locale }), clusterDir);
  };
  let server = await start();
  const base = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    await ensureDatabase(`${base}/postgres`, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `${base}/${database}`,
    port,
    exited: () => server.exited,
    restart: async () => {
      server = await start();
    },
    stop: () => server.stop(),
  };
}

/**
 * Starts the server, trying again for a few seconds while a server that ran
 * on this data a moment ago (killed with its app, say) is still going away.
 * A pid file left behind is what tells that case from a port another program
 * holds, which fails at once. The last failure quotes Postgres's own words.
 */
async function startSoon(start: () => Promise<RunningServer>, clusterDir: string): Promise<RunningServer> {
  const hadServer = (await readPostmasterPid(clusterDir)) !== null;
  const deadline = Date.now() + START_RETRY_MS;
  for (;;) {
    try {
      return await start();
    } catch (error) {
      const passing = error instanceof ServerStartError && PASSING.test(error.log);
      const leftover = hadServer || !/Address already in use/.test((error as ServerStartError).log ?? "");
      if (!passing || !leftover || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(18).toString("base64url");
  await writeFile(file, password + "\n", { mode: 0o600 });
  return password;
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
