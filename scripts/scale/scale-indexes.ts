// Secondary indexes built once after the load instead of row by row during it,
// when the forest goes into a database whose node tables are all empty (a fresh
// database: every benchmark's). Maintaining them per row was most of Postgres's
// time (the instructions' trigram GIN index alone about 40 %); one build after
// the load costs a fraction of it. Inside the seeding's transaction, so a crash
// at any line leaves the indexes as they were (DDL rolls back with the rows).
// Tables with rows keep their indexes: dropping them would lock the tables
// (ACCESS EXCLUSIVE) for the whole load, and the app reads them.
import type pg from "pg";

export const DEFERRED_TABLES = ["nodes", "run_steps", "reviews", "llm_calls"] as const;
/**
 * Needed during the load: the call sums' trigger looks each call's step up by
 * its key (primary keys and the constraints' own indexes are never dropped).
 */
export const KEPT_INDEXES = ["run_steps_step_key_key"];
const LOCK_TIMEOUT = "5s";

export interface DeferredIndexes {
  /** Index definitions (pg_get_indexdef) dropped for the load; empty when the tables had rows. */
  definitions: string[];
  rebuild: () => Promise<void>;
}

async function allEmpty(client: pg.ClientBase): Promise<boolean> {
  const probes = DEFERRED_TABLES.map((table) => `NOT EXISTS (SELECT 1 FROM ${table})`).join(" AND ");
  const { rows } = await client.query<{ empty: boolean }>(`SELECT ${probes} AS empty`);
  return rows[0]?.empty === true;
}

/**
 * Drops the node tables' secondary indexes when all of them are empty (checked
 * again under lock: a writer may have come in between) and returns how to build
 * them again; otherwise keeps them and makes the trigram index's pending list
 * larger, which cuts part of its cost. Must run inside the caller's transaction.
 */
export async function deferIndexes(client: pg.ClientBase): Promise<DeferredIndexes> {
  const kept: DeferredIndexes = {
    definitions: [],
    rebuild: async () => {},
  };
  const fallBack = async () => {
    // The GIN index's pending list, flushed less often in bigger batches (work_mem bounds a flush's memory).
    await client.query("SET LOCAL gin_pending_list_limit = '64MB'");
    await client.query("SET LOCAL work_mem = '256MB'");
    return kept;
  };
  if (!(await allEmpty(client))) return fallBack();
  await client.query("SAVEPOINT defer_indexes");
  try {
    await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    await client.query(`LOCK TABLE ${DEFERRED_TABLES.join(", ")} IN ACCESS EXCLUSIVE MODE`);
    await client.query("SET LOCAL lock_timeout = 0");
    if (!(await allEmpty(client))) {
      // Rolling back to the savepoint releases the locks taken after it.
      await client.query("ROLLBACK TO SAVEPOINT defer_indexes");
      return fallBack();
    }
  } catch (error) {
    // The app holds one of the tables (an open transaction): load with the indexes in place.
    await client.query("ROLLBACK TO SAVEPOINT defer_indexes");
    if (error instanceof Error && "code" in error && error.code === "55P03") return fallBack();
    throw error;
  }
  await client.query("RELEASE SAVEPOINT defer_indexes");
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
       AND NOT (c.relname = ANY($2::text[]))
     ORDER BY c.relname`,
    [DEFERRED_TABLES, KEPT_INDEXES],
  );
  for (const row of rows) await client.query(`DROP INDEX ${quoteIdent(row.name)}`);
  return {
    definitions: rows.map((r) => r.definition),
    rebuild: async () => {
      // Sorts in memory instead of on disk; the Postgres backend's memory, not the seeder's.
      await client.query("SET LOCAL maintenance_work_mem = '256MB'");
      for (const row of rows) await client.query(row.definition);
    },
  };
}

function quoteIdent(name: string) {
  return `"${name.replace(/"/g, '""')}"`;
}
