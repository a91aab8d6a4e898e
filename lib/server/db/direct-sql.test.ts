// The step path's SQL through pg on the Prisma client's pool (decision 0042):
// values and results as Prisma's raw queries give them, transactions that
// commit, roll back and survive a lost connection, prepared statements in the
// step scope, and one pool shared with Prisma.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { directSql, withSqlTransaction, type SqlClient } from "./direct-sql";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "./errors";
import { disconnectPrisma, getDatabasePool, getPrisma } from "./prisma";
import { withNamedStatements } from "./statement-names";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await setupTestDatabase();
  await directSql().$executeRaw`CREATE TABLE direct_sql_t (k text PRIMARY KEY, at timestamp(3), n int)`;
});

describe("values and results", () => {
  const sample = (db: SqlClient) =>
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT 7::int AS i4, 9007199254740993::bigint AS i8, 'é "q"'::text AS t, true AS b, NULL::text AS nothing,
             '{"a":[1,{"b":null}]}'::jsonb AS j, ARRAY['x', 'y,z']::text[] AS arr,
             '01234567-89ab-7def-8123-456789abcdef'::uuid AS id,
             '2026-12-02 21:58:01.123'::timestamp AS ts, 2.5::float8 AS f`;

  it("reads every common type as Prisma's $queryRaw does", async () => {
    const [direct] = await sample(directSql());
    const [prisma] = await sample(getPrisma());
    expect(direct).toEqual(prisma);
    expect(direct.i8).toBe(9007199254740993n);
    expect(direct.ts).toEqual(new Date("2026-12-02T21:58:01.123Z"));
    expect(direct.j).toEqual({ a: [1, { b: null }] });
  });

  it("sends strings, numbers, arrays, dates and nested fragments as parameters, never as SQL text", async () => {
    const hostile = `x'); DROP TABLE direct_sql_t; --`;
    const at = new Date("2026-01-02T03:04:05.678Z");
    const where = Prisma.sql`AND n > ${Prisma.raw("0")}`;
    const inserted = await directSql().$executeRaw`
      INSERT INTO direct_sql_t (k, at, n) SELECT k, ${at}::timestamp, 1 FROM unnest(${[hostile, "two"]}::text[]) AS k`;
    expect(inserted).toBe(2);
    const rows = await directSql().$queryRaw<{ k: string; at: Date }[]>`
      SELECT k, at FROM direct_sql_t WHERE k = ANY(${[hostile]}::text[]) ${where}`;
    expect(rows).toEqual([{ k: hostile, at }]);
    // Stored as its UTC time, as Prisma stores it.
    const [viaPrisma] = await getPrisma().$queryRaw<{ at: Date }[]>`SELECT at FROM direct_sql_t WHERE k = 'two'`;
    expect(viaPrisma.at).toEqual(at);
    const unsafe = await directSql().$queryRawUnsafe<{ k: string }[]>("SELECT k FROM direct_sql_t WHERE k = $1", "two");
    expect(unsafe).toEqual([{ k: "two" }]);
  });
});

describe("withSqlTransaction", () => {
  it("commits what the work wrote when it returns, and returns its value", async () => {
    const value = await withSqlTransaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO direct_sql_t (k, n) VALUES ('committed', 1)`;
      return 42;
    });
    expect(value).toBe(42);
    expect(await directSql().$queryRaw`SELECT k FROM direct_sql_t WHERE k = 'committed'`).toHaveLength(1);
  });

  it("rolls back everything when the work throws, passes the same error on, and gives the connection back", async () => {
    const { pool } = getDatabasePool();
    const failure = new Error("the work failed");
    await expect(
      withSqlTransaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO direct_sql_t (k, n) VALUES ('rolled back', 1)`;
        throw failure;
      }),
    ).rejects.toBe(failure);
    // A statement that fails (a duplicate key) rolls back the statements before it too.
    await expect(
      withSqlTransaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO direct_sql_t (k, n) VALUES ('before the duplicate', 1)`;
        await tx.$executeRaw`INSERT INTO direct_sql_t (k, n) VALUES ('committed', 1)`;
      }),
    ).rejects.toMatchObject({ code: "23505" });
    const left = await directSql().$queryRaw`
      SELECT k FROM direct_sql_t WHERE k IN ('rolled back', 'before the duplicate')`;
    expect(left).toEqual([]);
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it("turns a connection lost mid-transaction into DatabaseUnavailableError, drops it, and goes on with a new one", async () => {
    const { pool } = getDatabasePool();
    const error = await withSqlTransaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO direct_sql_t (k, n) VALUES ('lost', 1)`;
      const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      // Another connection ends this one while the transaction is between two statements.
      await getPrisma().$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
      await sleep(200);
      await tx.$queryRaw`SELECT 1`;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect(await directSql().$queryRaw`SELECT k FROM direct_sql_t WHERE k = 'lost'`).toEqual([]);
    const after = await withSqlTransaction((tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`);
    expect(after).toEqual([{ one: 1 }]);
  });
});

describe("prepared statements (DATABASE_PREPARED_STATEMENTS=steps, the default)", () => {
  it("prepares a statement sent inside withNamedStatements on its connection, and none sent outside", async () => {
    const marker = `direct_${Date.now()}`;
    const prepared = await withSqlTransaction(async (tx) => {
      const list = () =>
        tx.$queryRawUnsafe<{ statement: string }[]>(
          "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'evol\\_%' AND statement LIKE $1",
          `%${marker}%`,
        );
      await tx.$queryRawUnsafe(`SELECT 1 AS ${marker}_outside`);
      await withNamedStatements(() => tx.$queryRawUnsafe(`SELECT 1 AS ${marker}_inside`));
      return (await list()).map((r) => r.statement);
    });
    expect(prepared).toEqual([`SELECT 1 AS ${marker}_inside`]);
  });
});

describe("one pool with the Prisma client", () => {
  afterAll(async () => {
    delete process.env.DATABASE_POOL_SIZE;
    await disconnectPrisma();
  });

  it("waits for the one connection a Prisma transaction holds, then runs on it", async () => {
    process.env.DATABASE_POOL_SIZE = "1";
    await disconnectPrisma();
    let released = 0;
    const holder = getPrisma().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await sleep(1_500);
      released = Date.now();
    });
    await sleep(100);
    const ran = await withSqlTransaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      return Date.now();
    });
    await holder;
    expect(ran).toBeGreaterThanOrEqual(released);
    expect(getDatabasePool().pool.totalCount).toBe(1);
  }, 20_000);
});
