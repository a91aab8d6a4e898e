// SQL sent through `pg` itself, on the Prisma client's own pool, for the
// evolution step path (decision 0042): a worker at concurrency 128 sends a
// dozen statements per step, thousands a second, and Prisma's client spent
// more CPU on each (its request pipeline, argument and result mapping) than
// the driver did. Everything else in the app keeps using Prisma.
//
// The interface is the part of Prisma's that the step path uses ($queryRaw and
// $executeRaw as tagged templates, $queryRawUnsafe for pg-boss), so a function
// taking a SqlClient runs in a Prisma transaction or in one of these alike.
// Values and results are mapped as Prisma's raw queries map them: a Date is
// sent as its UTC time, int8 comes back as a BigInt and a `timestamp` (without
// time zone, as Prisma writes them) as the UTC moment it stores; a numeric
// comes back as a string (Prisma: a Decimal). Nested `Prisma.sql` fragments
// and `Prisma.raw` work as in Prisma's templates.
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { asDatabaseUnavailable, isReplyTimeout } from "./errors";
import { getDatabasePool } from "./prisma";

/** What the step path asks of a database handle: Prisma's client and transactions satisfy it too. */
export interface SqlClient {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

const INT8 = 20;
const TIMESTAMP = 1114;
const parsers: Record<number, (text: string) => unknown> = {
  [INT8]: (text) => BigInt(text),
  [TIMESTAMP]: (text) => new Date(`${text.replace(" ", "T")}Z`),
};
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    (format ?? "text") === "text" && parsers[oid] ? parsers[oid] : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

function param(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value))
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

async function send(db: Queryable, text: string, values: unknown[]): Promise<pg.QueryResult> {
  const args = values.map(param);
  const { nameOf, replyTimeoutMs } = getDatabasePool();
  const name = nameOf({ sql: text, args });
  try {
    // pg's per-query `query_timeout`, missing from its types. A pool's connection whose query failed is discarded.
    const query = { text, values: args, types, query_timeout: replyTimeoutMs, ...(name === undefined ? {} : { name }) };
    return await db.query(query as pg.QueryConfig);
  } catch (error) {
    throw asDatabaseUnavailable(error);
  }
}

async function control(client: pg.PoolClient, text: "BEGIN" | "COMMIT"): Promise<void> {
  try {
    await client.query({ text, query_timeout: getDatabasePool().replyTimeoutMs } as pg.QueryConfig);
  } catch (error) {
    throw asDatabaseUnavailable(error);
  }
}

// A template without nested fragments always gives the same text: kept per call site, so the text is one string
// object whose hash the statement namer's lookup computes once, not once per call.
const texts = new WeakMap<TemplateStringsArray, string>();

function sqlOf(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): { text: string; values: unknown[] } {
  if (query instanceof Prisma.Sql) return { text: query.text, values: query.values };
  if (values.some((value) => value instanceof Prisma.Sql)) {
    const sql = Prisma.sql(query, ...(values as Prisma.Sql[]));
    return { text: sql.text, values: sql.values };
  }
  let text = texts.get(query);
  if (text === undefined) {
    text = Prisma.sql(query, ...(values as Prisma.Sql[])).text;
    texts.set(query, text);
  }
  return { text, values };
}

function clientOver(db: Queryable): SqlClient {
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = sqlOf(query, values);
      return (await send(db, sql.text, sql.values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = sqlOf(query, values);
      return (await send(db, sql.text, sql.values)).rowCount ?? 0;
    },
    async $queryRawUnsafe<T>(query: string, ...values: unknown[]) {
      return (await send(db, query, values)).rows as T;
    },
  };
}

/** Statements on any pooled connection, each on its own (autocommit). */
export function directSql(): SqlClient {
  return clientOver(getDatabasePool().pool);
}

/**
 * Runs `work` in a transaction on one pooled connection: committed when it
 * returns, rolled back when it throws (and the error passed on). A connection
 * that failed to roll back, or was lost, is closed instead of going back to
 * the pool. A pooled connection is waited for as long as a plain query waits
 * (DATABASE_CONNECT_TIMEOUT_MS).
 */
export async function withSqlTransaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await getDatabasePool().pool.connect();
  } catch (error) {
    throw asDatabaseUnavailable(error);
  }
  // Between two statements a lost connection is reported as an event: without a listener it would end the process.
  let lost = false;
  const onError = () => {
    lost = true;
  };
  client.on("error", onError);
  try {
    await control(client, "BEGIN");
    const result = await work(clientOver(client));
    await control(client, "COMMIT");
    return result;
  } catch (error) {
    // A reply that never came leaves the connection waiting for it: a ROLLBACK would queue behind it for good.
    // Closing it is the rollback (the server ends the transaction when the connection goes).
    if (isReplyTimeout(error)) lost = true;
    if (!lost) {
      try {
        await client.query("ROLLBACK");
      } catch {
        lost = true;
      }
    }
    throw error;
  } finally {
    client.removeListener("error", onError);
    client.release(lost);
  }
}
