import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/server/config/env";
import { DATABASE_CONNECT_TIMEOUT_MS, DATABASE_CONNECTION_OPTIONS } from "./connect-timeout";
import { asDatabaseUnavailable } from "./errors";
import { createStatementNamer } from "./statement-names";

/** The pool under the Prisma client, shared with the step path's SQL sent without Prisma (direct-sql.ts). */
export interface DatabasePool {
  pool: pg.Pool;
  /** The name of a statement when it is to be prepared (statement-names.ts), undefined to leave it unnamed. */
  nameOf: (query: { sql: string; args: unknown[] }) => string | undefined;
  /** How long the step path's statements wait for a reply (DATABASE_REPLY_TIMEOUT_MS), read once with the pool. */
  replyTimeoutMs: number;
}

const globalForPrisma = globalThis as unknown as { evolPrisma?: PrismaClient; evolPool?: DatabasePool };

function createPool(): DatabasePool {
  const env = getEnv();
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides a database.");
  }
  // Bounded: a database that accepts no connections (a host gone, a firewall) must fail pages, not hang them.
  const pool = new pg.Pool({
    connectionString,
    max: env.DATABASE_POOL_SIZE,
    ...DATABASE_CONNECTION_OPTIONS,
  });
  // A pooled connection lost while idle is dropped by the pool and replaced on next use; without a listener
  // the error would end the process. (Prisma adds its own while connected; the step path may run without it.)
  pool.on("error", () => {});
  const prepared = env.DATABASE_PREPARED_STATEMENTS;
  const namer = prepared === "off" ? undefined : createStatementNamer(prepared);
  return { pool, nameOf: (query) => namer?.(query), replyTimeoutMs: env.DATABASE_REPLY_TIMEOUT_MS };
}

/** The connection pool of this process (created with the Prisma client, on first use). */
export function getDatabasePool(): DatabasePool {
  getPrisma();
  return globalForPrisma.evolPool!;
}

function createPrisma(): PrismaClient {
  globalForPrisma.evolPool ??= createPool();
  const { pool, nameOf } = globalForPrisma.evolPool;
  // One namer for both paths: a text has one name in a process, as pg requires of a name on a connection.
  // The adapter's type wants a name for every statement; undefined leaves one unnamed (pg's default).
  const adapter = new PrismaPg(pool, {
    statementNameGenerator: nameOf as (query: { sql: string }) => string,
  });
  // A lost database becomes one error kind everywhere (pages answer 503 with
  // app/error.tsx, routes 503 JSON); the pool reconnects on its own once it is back.
  // A transaction waits for a pooled connection as long as a plain query does (pg's connection timeout), not
  // Prisma's default 2 s: a worker holding more steps than connections queues its stores under load.
  const client = new PrismaClient({
    adapter,
    transactionOptions: { maxWait: DATABASE_CONNECT_TIMEOUT_MS },
  }).$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw asDatabaseUnavailable(error);
        }
      },
    },
  });
  // The extension changes no method's shape: callers keep the plain client's type.
  return client as unknown as PrismaClient;
}

/** The one Prisma client of this process, created on first use (not at import). */
export function getPrisma(): PrismaClient {
  globalForPrisma.evolPrisma ??= createPrisma();
  return globalForPrisma.evolPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.evolPrisma?.$disconnect();
  globalForPrisma.evolPrisma = undefined;
  // The pool is ours (Prisma leaves a pool it was given open): ended here, made anew with the next client.
  const pool = globalForPrisma.evolPool?.pool;
  globalForPrisma.evolPool = undefined;
  if (pool && !pool.ended) await pool.end();
}
