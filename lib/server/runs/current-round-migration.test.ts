// Migration 20261203100000 sets current_round of existing continuous runs (it stayed 1) to the highest round that
// has steps; gated runs, whose current_round was right, keep theirs.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/server/db/migrate";
import { createScratchDatabase } from "@/tests/setup/test-database";

const MIGRATION = "20261203100000_endpoint_outages";
const MIGRATIONS = path.resolve("prisma/migrations");

describe("migration of runs.current_round", () => {
  it("moves continuous runs to their highest round with steps and leaves gated runs alone", async () => {
    const { url } = await createScratchDatabase();
    const earlier = await mkdtemp(path.join(tmpdir(), "evol-migrations-"));
    for (const m of await readMigrations(MIGRATIONS))
      if (m.name < MIGRATION) await cp(path.join(MIGRATIONS, m.name), path.join(earlier, m.name), { recursive: true });
    await applyMigrations({ connectionString: url, migrationsDir: earlier });
    await rm(earlier, { recursive: true, force: true });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Rows as the old code left them; foreign keys are not this test's subject.
      await client.query("SET session_replication_role = replica");
      const run = (id: string, mode: string, current: number) =>
        client.query(
          `INSERT INTO runs (id, project_id, status, mode, rounds, current_round, template_version, config)
           VALUES ($1, gen_random_uuid(), 'completed', $2, 4, $3, 'evol-v1', '{}')`,
          [id, mode, current],
        );
      const step = (runId: string, round: number) =>
        client.query(
          `INSERT INTO run_steps (id, run_id, parent_id, root_id, round, slot, step_key, operation)
           VALUES (gen_random_uuid(), $1, gen_random_uuid(), gen_random_uuid(), $2, 0, gen_random_uuid()::text, 'deepen')`,
          [runId, round],
        );
      const [continuous, gated, empty] = [
        "00000000-0000-7000-8000-000000000001",
        "00000000-0000-7000-8000-000000000002",
        "00000000-0000-7000-8000-000000000003",
      ];
      await run(continuous, "continuous", 1);
      await run(gated, "gated", 2);
      await run(empty, "continuous", 1);
      for (const round of [1, 2, 3, 3]) await step(continuous, round);
      for (const round of [1, 2]) await step(gated, round);

      await applyMigrations({ connectionString: url, migrationsDir: MIGRATIONS });
      const { rows } = await client.query<{ id: string; current_round: number }>(
        "SELECT id, current_round FROM runs ORDER BY id",
      );
      expect(rows).toEqual([
        { id: continuous, current_round: 3 },
        { id: gated, current_round: 2 },
        { id: empty, current_round: 1 },
      ]);
    } finally {
      await client.end();
    }
  });
});
