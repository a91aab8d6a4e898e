// The app's Prisma client under a starved pool: a transaction waits for a
// connection as long as a plain query does (DATABASE_CONNECT_TIMEOUT_MS), not
// Prisma's default 2 s, so a worker holding more steps than connections
// queues its stores instead of failing them.
import { afterAll, describe, expect, it } from "vitest";
import { disconnectPrisma, getPrisma } from "@/lib/server/db/prisma";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { DATABASE_CONNECT_TIMEOUT_MS } from "./connect-timeout";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("transactions on a full pool", () => {
  afterAll(() => {
    delete process.env.DATABASE_POOL_SIZE;
  });

  it("waits for the one connection held by another transaction for 3 s, then runs", async () => {
    await setupTestDatabase();
    process.env.DATABASE_POOL_SIZE = "1";
    await disconnectPrisma();
    const prisma = getPrisma();
    const holdMs = 3_000;
    expect(holdMs).toBeLessThan(DATABASE_CONNECT_TIMEOUT_MS);
    let released = 0;
    const holder = prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await sleep(holdMs);
      released = Date.now();
    });
    await sleep(100);
    const started = Date.now();
    const waiter = await prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ at: number }[]>`SELECT 1 AS at`;
      return { ran: Date.now(), row };
    });
    await holder;
    // It ran only after the holder let its connection go, about 3 s later, and succeeded.
    expect(waiter.row).toEqual({ at: 1 });
    expect(waiter.ran).toBeGreaterThanOrEqual(released);
    expect(waiter.ran - started).toBeGreaterThan(2_000);
  }, 20_000);
});
