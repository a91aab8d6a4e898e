import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectPrisma } from "@/lib/server/db/prisma";
import { TEMPLATE_DATABASE, withDatabase } from "./global-postgres";

/**
 * Gives the calling test file a fresh database cloned from the migrated
 * template and points DATABASE_URL (and so getPrisma) at it.
 */
export async function setupTestDatabase(): Promise<{ url: string; name: string; adminUrl: string }> {
  const created = await createScratchDatabase({ template: TEMPLATE_DATABASE });
  process.env.DATABASE_URL = created.url;
  process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  afterAll(() => disconnectPrisma());
  return created;
}

/** A new database (empty, or cloned from `template`), dropped after the file's tests. */
export async function createScratchDatabase(options: { template?: string } = {}) {
  const adminUrl = inject("postgresAdminUrl");
  const name = `evol_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${options.template ?? "template0"}`);
  afterAll(async () => {
    await disconnectPrisma();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return { url: withDatabase(adminUrl, name), name, adminUrl };
}

async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
