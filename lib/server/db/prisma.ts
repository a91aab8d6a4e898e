import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/server/config/env";
import { DATABASE_CONNECT_TIMEOUT_MS } from "./connect-timeout";
import { asDatabaseUnavailable } from "./errors";
import { createStatementNamer } from "./statement-names";

const globalForPrisma = globalThis as unknown as { evolPrisma?: PrismaClient };

function createPrisma(): PrismaClient {
  const env = getEnv();
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides a database.");
  }
  // Bounded: a database that accepts no connections (a host gone, a firewall) must fail pages, not hang them.
  const prepared = env.DATABASE_PREPARED_STATEMENTS;
  const adapter = new PrismaPg(
    { connectionString, max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS },
    // The adapter's type wants a name for every statement; undefined leaves one unnamed (pg's default).
    prepared === "off"
      ? {}
      : { statementNameGenerator: createStatementNamer(prepared) as (query: { sql: string }) => string },
  );
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
}
