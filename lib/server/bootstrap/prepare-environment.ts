import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "@/lib/server/config/env";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/server/db/embedded-postgres";
import { applyMigrations } from "@/lib/server/db/migrate";
import { prepareQueue } from "@/lib/server/jobs/prepare-queue";

export interface PreparedEnvironment {
  databaseUrl: string;
  embedded: EmbeddedDatabase | null;
  authSecret: string;
}

/**
 * Everything the app needs before Next starts: a database (DATABASE_URL, or
 * an embedded Postgres in the data folder), its migrations, and an auth secret.
 */
export async function prepareEnvironment(options: {
  env: Env;
  log: (message: string) => void;
}): Promise<PreparedEnvironment> {
  const { env, log } = options;
  const dataDir = path.resolve(env.EVOL_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const port = env.EMBEDDED_POSTGRES_PORT;
    log(`DATABASE_URL is not set: starting embedded Postgres on 127.0.0.1:${port} (data in ${dataDir}/postgres)`);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port,
      database: "evol_studio",
      log,
    });
    databaseUrl = embedded.url;
  }
  try {
    const { applied } = await applyMigrations({ connectionString: databaseUrl, log });
    log(applied.length ? `database migrated (${applied.length} applied)` : "database schema is up to date");
    await prepareQueue(databaseUrl);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const authSecret = env.BETTER_AUTH_SECRET ?? (await readOrCreateSecret(path.join(dataDir, "auth-secret")));
  return { databaseUrl, embedded, authSecret };
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}
