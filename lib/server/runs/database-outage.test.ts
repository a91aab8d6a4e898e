// Postgres stops under a running run and starts again: a real `npm run worker`
// process keeps the replies it received meanwhile and stores them once the
// database is back, starts no LLM call while it is away, logs one line per
// change, and finishes the run with every step once and no reply paid twice.
// The database is a Postgres server of this file's own, so stopping it stops
// nothing another test file uses.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/server/db/embedded-postgres";
import { applyMigrations } from "@/lib/server/db/migrate";
import { prepareQueue } from "@/lib/server/jobs/prepare-queue";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { startWorkerProcess, type WorkerProcess } from "@/tests/fixtures/worker-process";
import { freePort } from "@/tests/setup/free-port";

const SEEDS = 24;
const ROUNDS = 3;
const DATABASE = "evol_outage";

const dataDir = await mkdtemp(path.join(tmpdir(), "evol-outage-pg-"));
// As root, Postgres runs as the postgres user: keep the throw-away cluster here (see tests/setup/global-postgres.ts).
await chmod(dataDir, 0o755);
const port = await freePort();
let database: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, port, database: DATABASE });
const url = database.url;
await applyMigrations({ connectionString: url, migrationsDir: path.resolve("prisma/migrations") });
await prepareQueue(url);
process.env.DATABASE_URL = url;
process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: WorkerProcess | null = null;

beforeAll(async () => {
  // Slow enough replies that several are on their way when the database stops.
  simulator = await createSimulator({ latencyMs: 400, jitter: 0.3, seed: "database-outage-test" });
});

afterAll(async () => {
  await worker?.kill("SIGKILL");
  await stopBoss();
  await disconnectPrisma();
  await simulator?.close();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("database outage", () => {
  it("a worker holds its replies while Postgres is down, starts no call, and finishes the run once it is back", async () => {
    const admin = await createTestUser("admin");
    const project = await createProjectWithSeeds({ count: SEEDS, actorId: admin.id });
    worker = startWorkerProcess({
      name: "outage",
      env: { DATABASE_URL: url, SIMULATOR_URL: simulator.url, LLM_CONCURRENCY: "12", EVOL_WORKER_CONCURRENCY: "16" },
    });
    await worker.ready(30_000);
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: ROUNDS }), actorId: admin.id });
    // This process only queued the run; its own queue client would just complain while the database is away.
    await stopBoss();

    await vi.waitFor(
      async () => {
        const done = await getPrisma().runStep.count({ where: { runId: run.id, status: "done" } });
        expect(done).toBeGreaterThan(5);
        expect(simulator.stats().inFlight).toBeGreaterThanOrEqual(4);
      },
      { timeout: 60_000, interval: 5 },
    );
    await disconnectPrisma();
    const completedAtStop = simulator.stats().completed;
    const inFlightAtStop = simulator.stats().inFlight;
    const logAtStop = worker.output().length;
    const stoppedAt = Date.now();
    await database.stop();

    // The replies on their way arrive while the database is down; the worker notices and sends nothing new.
    await vi.waitFor(
      () => {
        expect(worker!.output().slice(logAtStop)).toMatch(/database unreachable/);
        expect(simulator.stats().inFlight).toBe(0);
      },
      { timeout: 30_000, interval: 10 },
    );
    const quietAt = Date.now();
    const receivedWhileDown = simulator.stats().completed - completedAtStop;
    expect(receivedWhileDown).toBeGreaterThanOrEqual(inFlightAtStop);
    expect(worker.alive()).toBe(true);

    const restartAt = Date.now();
    database = await startEmbeddedPostgres({ dataDir, port, database: DATABASE });
    await waitForRunStatus(run.id, ["completed"], 120_000);
    expect(worker.alive()).toBe(true);

    // Nothing was sent between the worker going quiet and the database coming back.
    const arrivals = Object.values(simulator.stats().arrivalsByRequestKey).flat();
    expect(arrivals.filter((t) => t > quietAt && t < restartAt)).toEqual([]);
    // Every step once, every node stored, every reply paid once and stored (those received while down included).
    const prisma = getPrisma();
    const steps = await prisma.runStep.findMany({ where: { runId: run.id } });
    expect(steps.filter((s) => s.status !== "done")).toEqual([]);
    expect(new Set(steps.map((s) => `${s.rootId}:${s.round}`)).size).toBe(steps.length);
    expect(await prisma.node.count({ where: { runId: run.id } })).toBe(steps.length);
    const stored = await prisma.llmCall.findMany({ where: { runId: run.id, outcome: "ok" } });
    const billed = simulator.stats().tokensByRequestKey;
    for (const call of stored) expect(billed[call.requestKey!], call.requestKey!).toHaveLength(1);
    expect(Object.keys(billed).sort()).toEqual(stored.map((c) => c.requestKey).sort());
    // One line when it went, one when it came back: not a line per failed query.
    const outageLog = worker.output().slice(logAtStop);
    const lines = outageLog.split("\n").filter((l) => l.trim());
    expect(lines.filter((l) => /database unreachable/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /database back/.test(l))).toHaveLength(1);
    expect(lines, outageLog).toHaveLength(2);
    console.log(
      `[database outage] down ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s until the run completed; ` +
        `${inFlightAtStop} requests in flight at the stop, ${receivedWhileDown} replies received while down; ` +
        `billed ${simulator.stats().completed}, stored ${stored.length}; worker log lines meanwhile: ${lines.length}`,
    );
  }, 240_000);
});
