// Starts one real Postgres for the whole test run (embedded, unless
// TEST_DATABASE_URL names a server), migrated once into a template database;
// each test file clones its own database from it (see test-database.ts).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/server/db/embedded-postgres";
import { applyMigrations } from "../../lib/server/db/migrate";
import { prepareQueue } from "../../lib/server/jobs/prepare-queue";
import { freePort } from "./free-port";

export const TEMPLATE_DATABASE = "evol_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), "evol-test-pg-"));
    // As root, Postgres runs as a `postgres` user; an open folder keeps the
    // throw-away cluster here, where teardown removes it, rather than in
    // /var/lib/evol-studio/clusters.
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
    adminUrl = embedded.url;
  }
  const template = withDatabase(adminUrl, TEMPLATE_DATABASE);
  const pg = (await import("pg")).default;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await applyMigrations({ connectionString: template, migrationsDir: path.resolve("prisma/migrations") });
  await prepareQueue(template);
  project.provide("postgresAdminUrl", adminUrl);
  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
