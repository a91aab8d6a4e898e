import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { chooseLocations } from "./embedded-postgres/choose-locations";
import { bestLocale, initialiseCluster, SUPERUSER } from "./embedded-postgres/initdb";
import { stopOrphanedServer } from "./embedded-postgres/orphaned-server";
import { startServer } from "./embedded-postgres/server-process";

export interface EmbeddedDatabase {
  /** Connection string for `database` on the embedded server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

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
  await stopOrphanedServer(clusterDir);
  const server = await startServer({ binaries, clusterDir, port, user, locale });
  const base = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    await ensureDatabase(`${base}/postgres`, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `${base}/${database}`, port, stop: () => server.stop() };
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
