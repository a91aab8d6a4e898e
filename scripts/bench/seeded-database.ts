// The forest every scale benchmark runs on: a migrated database (see
// bench-database.ts) holding a project seeded by `npm run seed:scale`, run as
// a child process the way a user runs it (its own heap cap, its own RSS).
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { openBenchDatabase } from "./bench-database";

/** The seeder's V8 old-generation cap, as package.json's seed:scale sets it. */
export const SEEDER_HEAP_MB = 512;

/** Runs seed:scale into `url`; returns its wall time in seconds (the seeder prints its own phases). */
export function runSeedScale(url: string, options: { nodes: number; project: string; withCalls?: boolean }): number {
  const started = performance.now();
  const seeded = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${SEEDER_HEAP_MB}`,
      "--import",
      "tsx",
      path.resolve("scripts/scale/seed-scale.ts"),
      "--nodes",
      String(options.nodes),
      "--project",
      options.project,
      ...(options.withCalls ? ["--with-calls"] : []),
    ],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "inherit", "inherit"] },
  );
  if (seeded.status !== 0) throw new Error(`seed:scale failed with ${seeded.status ?? seeded.signal}`);
  return (performance.now() - started) / 1000;
}

async function hasProject(url: string, project: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM projects WHERE name = $1", [project]);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * A database holding `project` with `nodes` nodes: BENCH_DATABASE_URL when set
 * (seeded only if the project is missing), else a throw-away embedded Postgres.
 * `seedSeconds` is null when the project was already there.
 */
export async function openSeededDatabase(options: {
  nodes: number;
  project: string;
  withCalls?: boolean;
}): Promise<{ url: string; seedSeconds: number | null; close: () => Promise<void> }> {
  const db = await openBenchDatabase();
  try {
    if (await hasProject(db.url, options.project)) {
      console.log(`reusing project "${options.project}" (BENCH_DATABASE_URL)`);
      return { ...db, seedSeconds: null };
    }
    console.log(
      `seeding ${options.nodes.toLocaleString("en-US")} nodes into "${options.project}" (npm run seed:scale)…`,
    );
    return { ...db, seedSeconds: runSeedScale(db.url, options) };
  } catch (error) {
    await db.close();
    throw error;
  }
}
