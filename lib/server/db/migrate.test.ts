import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/tests/setup/test-database";
import { applyMigrations, checkServerVersion, MigrationError, readMigrations } from "./migrate";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("applyMigrations", () => {
  it("applies every migration once and records it as prisma migrate deploy does", async () => {
    const { url } = await createScratchDatabase();
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    const first = await applyMigrations({ connectionString: url });
    expect(first.applied).toEqual(migrations.map((m) => m.name));

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
    }>(
      url,
      `SELECT id, checksum, migration_name, finished_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const sql = migrations[i].sql;
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }

    const second = await applyMigrations({ connectionString: url });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(migrations.map((m) => m.name));
  });

  it("creates _prisma_migrations with Prisma's own column types", async () => {
    const { url } = await createScratchDatabase();
    await applyMigrations({ connectionString: url });
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      url,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ["id", "character varying", "NO"],
      ["checksum", "character varying", "NO"],
      ["finished_at", "timestamp with time zone", "YES"],
      ["migration_name", "character varying", "NO"],
      ["logs", "text", "YES"],
      ["rolled_back_at", "timestamp with time zone", "YES"],
      ["started_at", "timestamp with time zone", "NO"],
      ["applied_steps_count", "integer", "NO"],
    ]);
  });

  it("leaves nothing half-applied when a migration fails, records the failure, and refuses to go on", async () => {
    const { url } = await createScratchDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), "evol-migrations-"));
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
    const broken = path.join(dir, "29990101000000_broken");
    await mkdir(broken);
    await writeFile(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "half" (id INT);\nSELECT * FROM "no_such_table";\n`,
    );

    await expect(applyMigrations({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /29990101000000_broken failed: .*no_such_table/,
    );
    const tables = await query<{ n: string }>(
      url,
      `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name = 'half'`,
    );
    expect(tables[0].n).toBe("0");
    const [row] = await query<{ finished_at: Date | null; logs: string }>(
      url,
      `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
    );
    expect(row.finished_at).toBeNull();
    expect(row.logs).toMatch(/no_such_table/);

    const again = applyMigrations({ connectionString: url, migrationsDir: dir });
    await expect(again).rejects.toBeInstanceOf(MigrationError);
    await expect(again).rejects.toThrow(/failed earlier/);
  });

  it("applies each migration once when two processes migrate at the same time", async () => {
    const { url } = await createScratchDatabase();
    const results = await Promise.all([
      applyMigrations({ connectionString: url }),
      applyMigrations({ connectionString: url }),
    ]);
    const total = results.reduce((n, r) => n + r.applied.length, 0);
    expect(total).toBe((await readMigrations()).length);
    const rows = await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0].n)).toBe(total);
  });
});

describe("checkServerVersion", () => {
  it("refuses a server older than Postgres 18 with what to do, and takes 18", () => {
    expect(() => checkServerVersion({ versionNum: 160004, version: "16.4" })).toThrow(MigrationError);
    expect(() => checkServerVersion({ versionNum: 170002, version: "17.2 (Debian)" })).toThrow(
      /needs Postgres 18 or later; this database server runs Postgres 17\.2 \(Debian\)\. Point DATABASE_URL/,
    );
    expect(() => checkServerVersion({ versionNum: 180000, version: "18.0" })).not.toThrow();
  });
});
