// A database host that goes silent mid-statement (black-holed: no reset, no
// reply) fails the step path's statement after DATABASE_REPLY_TIMEOUT_MS, as
// "the database is unavailable", and its connection is closed, not pooled again
// — so once the host answers again the next statements run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { startFreezingProxy } from "@/tests/fixtures/freezing-proxy";
import { directSql, withSqlTransaction } from "./direct-sql";
import { isDatabaseUnavailable, isReplyTimeout } from "./errors";
import { getDatabasePool } from "./prisma";

const TIMEOUT_MS = 800;
let proxy: Awaited<ReturnType<typeof startFreezingProxy>>;

beforeAll(async () => {
  const { url } = await setupTestDatabase();
  const direct = new URL(url);
  proxy = await startFreezingProxy({ host: direct.hostname, port: Number(direct.port) });
  direct.hostname = "127.0.0.1";
  direct.port = String(proxy.port);
  // Before the pool exists: it reads both once. One connection, so a dead one put back would be the next one used.
  process.env.DATABASE_URL = direct.toString();
  process.env.DATABASE_REPLY_TIMEOUT_MS = String(TIMEOUT_MS);
  process.env.DATABASE_POOL_SIZE = "1";
  await directSql().$executeRaw`CREATE TABLE reply_timeout_t (k text PRIMARY KEY)`;
});

afterAll(async () => {
  proxy.thaw();
  await proxy.close();
});

/** How `run` failed, and after how long. */
async function failure(run: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error("it did not fail");
}

describe("a database that stops answering mid-statement", () => {
  it("has the pool read the timeout", () => {
    expect(getDatabasePool().replyTimeoutMs).toBe(TIMEOUT_MS);
  });

  it("fails a statement after the reply timeout as unavailable, and the next statement runs once it answers", async () => {
    await directSql().$queryRaw`SELECT 1`;
    proxy.freeze();
    const { error, ms } = await failure(() => directSql().$queryRaw`SELECT 2`);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isReplyTimeout(error)).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 3_000);
    proxy.thaw();
    // The silent connection was closed: the pool's one connection now is a new one, which answers.
    expect(await directSql().$queryRaw<{ n: number }[]>`SELECT 3 AS n`).toEqual([{ n: 3 }]);
  });

  it("fails a transaction without waiting on a rollback, commits nothing of it, and the pool recovers", async () => {
    const { error, ms } = await failure(() =>
      withSqlTransaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO reply_timeout_t (k) VALUES ('half-done')`;
        proxy.freeze();
        await tx.$executeRaw`INSERT INTO reply_timeout_t (k) VALUES ('never')`;
      }),
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(ms).toBeLessThan(TIMEOUT_MS + 3_000);
    proxy.thaw();
    // Closing the connection rolled the transaction back on the server.
    await expect.poll(() => proxy.openConnections()).toBe(1);
    const rows = await directSql().$queryRaw<{ k: string }[]>`SELECT k FROM reply_timeout_t`;
    expect(rows).toEqual([]);
    // And a transaction on the new connection commits.
    await withSqlTransaction((tx) => tx.$executeRaw`INSERT INTO reply_timeout_t (k) VALUES ('after')`);
    expect(await directSql().$queryRaw<{ k: string }[]>`SELECT k FROM reply_timeout_t`).toEqual([{ k: "after" }]);
  });

  it("fails a COMMIT whose reply never comes the same way", async () => {
    const { error } = await failure(() =>
      withSqlTransaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO reply_timeout_t (k) VALUES ('at-commit')`;
        proxy.freeze();
      }),
    );
    expect(isReplyTimeout(error)).toBe(true);
    proxy.thaw();
    expect(await directSql().$queryRaw<{ n: number }[]>`SELECT 4 AS n`).toEqual([{ n: 4 }]);
  });
});
