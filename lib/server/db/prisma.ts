import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/server/config/env";

const globalForPrisma = globalThis as unknown as { evolPrisma?: PrismaClient };

function createPrisma(): PrismaClient {
  const env = getEnv();
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides a database.");
  }
  const adapter = new PrismaPg({ connectionString, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
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
