import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/server/db/embedded-postgres";
import { applyMigrations } from "@/lib/server/db/migrate";
import { enableStatementStats } from "./bench-pg-statements";

/**
 * A migrated database for a benchmark: BENCH_DATABASE_URL when set (it must
 * be a scratch database), otherwise a throw-away embedded Postgres.
 * `statementStats`: the throw-away server preloads pg_stat_statements
 * (bench-pg-statements.ts).
 */
export async function openBenchDatabase(
  options: { statementStats?: boolean } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) {
    if (options.statementStats)
      throw new Error("statement stats need the throw-away server (unset BENCH_DATABASE_URL)");
    await applyMigrations({ connectionString: process.env.BENCH_DATABASE_URL });
    return { url: process.env.BENCH_DATABASE_URL, close: async () => {} };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), "evol-bench-pg-"));
  await chmod(dataDir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 5000);
  const db = await startEmbeddedPostgres({ dataDir, port, database: "evol_bench" });
  if (options.statementStats) {
    await enableStatementStats(db.url);
    await db.stop();
    await db.restart();
  }
  await applyMigrations({ connectionString: db.url });
  return {
    url: db.url,
    close: async () => {
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
