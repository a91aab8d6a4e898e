// seed:scale's load on a real Postgres: into empty node tables it drops their
// secondary indexes and builds them after the load, exactly as the migrations
// made them; into tables with rows, or when the app holds one of them, it
// keeps them; a failed load puts them back. The dashboard's figures (kept by
// the triggers during the load) equal a recount either way.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryDashboardRows } from "@/lib/server/dashboard/query-dashboard-rows";
import { scanDashboardRows } from "@/lib/server/dashboard/scan-dashboard-rows";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { parseSeedScaleArgs } from "./scale-args";
import { DEFERRED_TABLES, deferIndexes } from "./scale-indexes";
import { seedScale } from "./scale-seed";

const { url } = await setupTestDatabase();
const client = new pg.Client({ connectionString: url });
const quiet = () => {};

async function indexes(c: pg.ClientBase = client) {
  const { rows } = await c.query<{ definition: string; valid: boolean }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) ORDER BY 1`,
    [DEFERRED_TABLES],
  );
  return rows;
}

async function expectDashboardMatchesRecount(projectId: string) {
  const { rows } = await queryDashboardRows(projectId);
  expect(rows).toEqual(await scanDashboardRows(projectId));
}

let before: Awaited<ReturnType<typeof indexes>>;

beforeAll(async () => {
  await client.connect();
  before = await indexes();
});
afterAll(() => client.end());

describe("seed:scale's indexes", () => {
  it("are all back when a load into empty tables fails after dropping them", async () => {
    await client.query("BEGIN");
    const deferred = await deferIndexes(client);
    expect(deferred.definitions.length).toBeGreaterThan(10);
    expect((await indexes()).length).toBe(before.length - deferred.definitions.length);
    await client.query("ROLLBACK");
    expect(await indexes()).toEqual(before);
  });

  it("stay in place when the app holds one of the empty tables", async () => {
    const app = new pg.Client({ connectionString: url });
    await app.connect();
    try {
      await app.query("BEGIN");
      await app.query("SELECT count(*) FROM reviews");
      await client.query("BEGIN");
      const deferred = await deferIndexes(client);
      expect(deferred.definitions).toEqual([]);
      expect(await indexes()).toEqual(before);
      await client.query("ROLLBACK");
    } finally {
      await app.query("ROLLBACK");
      await app.end();
    }
  }, 20_000);

  it("are built after the load into empty tables, as the migrations made them", async () => {
    const seeded = await seedScale(
      client,
      parseSeedScaleArgs(["--nodes", "3000", "--project", "fresh", "--batch", "1000", "--with-calls"]),
      quiet,
    );
    expect(seeded.deferredIndexes).toBeGreaterThan(10);
    const after = await indexes();
    expect(after).toEqual(before);
    expect(after.every((i) => i.valid)).toBe(true);
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM nodes WHERE project_id = $1::uuid",
      [seeded.projectId],
    );
    expect(rows[0]?.n).toBe(3_000);
    await expectDashboardMatchesRecount(seeded.projectId);
  }, 60_000);

  it("are kept during a load into tables with rows", async () => {
    const seeded = await seedScale(
      client,
      parseSeedScaleArgs(["--nodes", "2000", "--project", "second", "--batch", "1000"]),
      quiet,
    );
    expect(seeded.deferredIndexes).toBe(0);
    expect(await indexes()).toEqual(before);
    await expectDashboardMatchesRecount(seeded.projectId);
  }, 60_000);
});
