// `--pg-statements` for benchmarks: where the Postgres side's time goes.
// Loads pg_stat_statements (with planning time) and counts PL/pgSQL trigger
// functions' own time on the bench's throw-away server, then prints the
// statements by total time (plan + execute) and the functions by self time.
// Both are server time (wall time in the backend, close to its CPU on an
// otherwise idle machine), summed over every session: the worker's and the bench's.
import pg from "pg";

/** Before migrations: preload the module (needs the restart the caller does). */
export async function enableStatementStats(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await client.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
    await client.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
    await client.query(`ALTER SYSTEM SET track_functions = 'all'`);
  } finally {
    await client.end();
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Zero both counters (after setup, before the measured window). */
export async function resetStatementStats(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    await client.query(`SELECT pg_stat_statements_reset()`);
    await client.query(`SELECT pg_stat_reset()`);
  });
}

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 0);

/** Prints the top statements and trigger functions; `perUnit` divides totals (e.g. the evolutions done). */
export async function printStatementStats(url: string, options: { perUnit: number; unit: string; top?: number }) {
  const top = options.top ?? 25;
  await withClient(url, async (client) => {
    const total = await client.query<{ exec: number; plan: number; calls: string }>(
      `SELECT sum(total_exec_time)::float8 AS exec, sum(total_plan_time)::float8 AS plan, sum(calls)::text AS calls
         FROM pg_stat_statements WHERE toplevel`,
    );
    const { exec, plan, calls } = total.rows[0];
    const per = Math.max(1, options.perUnit);
    console.log(
      `  Postgres server time (pg_stat_statements, top-level): execute ${ms(exec / 1000)} s + plan ${ms(plan / 1000)} s over ${calls} statements = ${ms((exec + plan) / per)} ms per ${options.unit}`,
    );
    const rows = await client.query<{ query: string; calls: string; exec: number; plan: number; toplevel: boolean }>(
      `SELECT query, calls::text, total_exec_time::float8 AS exec, total_plan_time::float8 AS plan, toplevel
         FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
      [top],
    );
    console.log(
      `  by statement (ms per ${options.unit}: execute + plan; calls per ${options.unit}; * = inside a function):`,
    );
    for (const r of rows.rows) {
      const text = r.query.replace(/\s+/g, " ").trim().slice(0, 110);
      console.log(
        `    ${ms(r.exec / per).padStart(6)} + ${ms(r.plan / per).padStart(5)}  ${(Number(r.calls) / per).toFixed(2).padStart(6)}${r.toplevel ? " " : "*"} ${text}`,
      );
    }
    const fns = await client.query<{ name: string; calls: string; self: number; total: number }>(
      `SELECT schemaname || '.' || funcname AS name, calls::text, self_time::float8 AS self, total_time::float8 AS total
         FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 15`,
    );
    if (fns.rows.length > 0)
      console.log(`  functions (triggers) by self time, ms per ${options.unit} (self / total; calls):`);
    for (const r of fns.rows)
      console.log(
        `    ${ms(r.self / per).padStart(6)} / ${ms(r.total / per).padStart(6)}  ${(Number(r.calls) / per).toFixed(2).padStart(6)}  ${r.name}`,
      );
    // Row writes per table: each written row costs its indexes (a HOT update none) and, where it has foreign keys, a key check.
    const tables = await client.query<{ name: string; ins: string; upd: string; hot: string; del: string }>(
      `SELECT schemaname || '.' || relname AS name, n_tup_ins::text AS ins, n_tup_upd::text AS upd,
              n_tup_hot_upd::text AS hot, n_tup_del::text AS del
         FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0
         ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC LIMIT 15`,
    );
    if (tables.rows.length > 0) console.log(`  rows written per ${options.unit} (inserted / updated (HOT) / deleted):`);
    const each = (n: string) => (Number(n) / per).toFixed(2);
    for (const r of tables.rows)
      console.log(
        `    ${each(r.ins).padStart(6)} / ${each(r.upd).padStart(6)} (${each(r.hot)}) / ${each(r.del)}  ${r.name}`,
      );
  });
}
