// GET /api/health against a real database: ok with a live worker, degraded
// (still 200: pages work) without one, down (503) when the database is gone.
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/tests/setup/free-port";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const { GET } = await import("@/app/api/health/route");
const { disconnectPrisma, getPrisma } = await import("@/lib/server/db/prisma");
const { startWorkerHeartbeat } = await import("@/lib/server/jobs/worker-heartbeat");

async function check() {
  const response = await GET();
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body: await response.json() };
}

describe("GET /api/health", () => {
  afterAll(async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = url;
  });

  it("is ok while a worker beats, degraded without one, and counts a killed worker's stale row out", async () => {
    expect(await check()).toEqual({
      status: 200,
      body: {
        status: "degraded",
        checks: { database: { status: "ok" }, queue: { status: "ok" }, workers: { status: "failing", live: 0 } },
      },
    });

    const heartbeat = startWorkerHeartbeat();
    await expect.poll(async () => (await check()).body.status).toBe("ok");
    expect((await check()).body.checks.workers).toEqual({ status: "ok", live: 1 });
    await heartbeat.stop();
    expect((await check()).body.checks.workers).toEqual({ status: "failing", live: 0 });

    // A worker killed without stopping leaves its row; once stale it no longer counts.
    await getPrisma().$executeRaw`INSERT INTO worker_heartbeats (id, host, pid, seen_at)
      VALUES (gen_random_uuid(), 'gone-host', 1, now() - interval '1 minute')`;
    expect((await check()).body.status).toBe("degraded");
  });

  it("is down, 503, when the database cannot be reached, naming nothing of it", async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = `postgresql://nobody:secret@127.0.0.1:${await freePort()}/gone`;
    const { status, body } = await check();
    expect(status).toBe(503);
    expect(body).toEqual({
      status: "down",
      checks: {
        database: { status: "failing" },
        queue: { status: "failing" },
        workers: { status: "failing", live: null },
      },
    });
  });
});
