// A batch-mode run survives its worker: a real `npm run worker` process is
// SIGKILLed while the run's batches are in flight, a second one picks the
// run's job up, and the run completes with nothing submitted twice and every
// billed reply stored.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { startWorkerProcess, type WorkerProcess } from "@/tests/fixtures/worker-process";
import { setupTestDatabase } from "@/tests/setup/test-database";

const SEEDS = 12;
const ROUNDS = 3;

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("@/lib/server/runs/start-run");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let admin: TestUser;
const workers: WorkerProcess[] = [];

function startWorker(name: string): WorkerProcess {
  const worker = startWorkerProcess({
    name,
    env: {
      DATABASE_URL: url,
      SIMULATOR_URL: simulator.url,
      EVOL_JOB_HEARTBEAT_SECONDS: "10",
      LLM_BATCH_POLL_SECONDS: "0.2",
      LLM_BATCH_SYNC_BELOW: "0",
    },
  });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, seed: "batch-crash-test", batchDelayMs: 1_500 });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
});

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill("SIGKILL")));
  await stopBoss();
  await simulator?.close();
});

describe("batch worker crash", () => {
  it("a worker killed while batches are in flight is replaced and the run completes, nothing submitted twice", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: SEEDS, actorId: admin.id, withInput: true });
    const a = startWorker("A");
    await a.ready(30_000);
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: ROUNDS }),
      batch: true,
      actorId: admin.id,
    });

    // Kill once round 1 is done and a later round's batch is at the provider.
    await vi.waitFor(
      async () => {
        const open = await prisma.llmBatch.count({ where: { runId: run.id, state: "submitted", round: { gt: 1 } } });
        expect(open).toBeGreaterThan(0);
      },
      { timeout: 60_000, interval: 50 },
    );
    await a.kill("SIGKILL");
    const inFlight = await prisma.llmBatch.count({ where: { runId: run.id, state: { not: "collected" } } });
    expect(inFlight).toBeGreaterThan(0);

    const b = startWorker("B");
    await b.ready(30_000);
    await waitForRunStatus(run.id, ["completed"], 90_000);

    const steps = await prisma.runStep.findMany({ where: { runId: run.id } });
    expect(steps).toHaveLength(SEEDS * ROUNDS);
    expect(steps.every((s) => s.status === "done" && s.passed)).toBe(true);
    const nodes = await prisma.node.findMany({ where: { runId: run.id } });
    expect(new Set(nodes.map((n) => n.stepKey)).size).toBe(SEEDS * ROUNDS);
    expect(nodes).toHaveLength(SEEDS * ROUNDS);

    const calls = await prisma.llmCall.findMany({ where: { runId: run.id } });
    expect(calls.every((c) => c.outcome === "ok")).toBe(true);
    const stats = simulator.stats();
    // Every request went out in one batch, once; none live.
    expect(Object.values(stats.batchLinesByCustomId).every((n) => n === 1)).toBe(true);
    expect(Object.keys(stats.batchLinesByCustomId).sort()).toEqual(calls.map((c) => c.requestKey).sort());
    expect(stats.requests).toBe(0);
    // Billed = stored.
    const stored = calls.reduce((sum, c) => sum + c.promptTokens! + c.completionTokens!, 0);
    expect(stored).toBe(stats.promptTokens + stats.completionTokens);
  }, 180_000);
});
