// A server that takes only N requests at once and answers 429 above that,
// and a run configured for 4 × N: the adaptive limit finds N, few requests
// are refused, no step fails for it, and the run page shows the limit in use.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

const N = 4;
const SEEDS = 20;
const ROUNDS = 4;
// One model for every role: the simulator's limit is per server, and a limit is learnt per endpoint and model.
const MODEL = "sim-limited";
const models = { evolve: MODEL, answer: MODEL, judge: MODEL, difficulty: MODEL };

process.env.LLM_CONCURRENCY = String(4 * N);
// A tight retry budget: were 429s from probing counted, steps would fail.
process.env.LLM_MAX_ATTEMPTS = "2";
process.env.EVOL_MAX_STEP_ATTEMPTS = "1";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { getRunProgress } = await import("./get-run-progress");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  simulator = await createSimulator({
    latencyMs: 30,
    jitter: 0.3,
    seed: "adaptive-concurrency-test",
    maxInFlight: N,
    retryAfterSeconds: 0.05,
  });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 4 * N });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

describe("adaptive concurrency", () => {
  it("settles under a server's in-flight limit with few 429s, fails no step, and shows the limit", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: SEEDS, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: ROUNDS, models }), actorId: admin.id });

    let shown: { limit: number; max: number; reason: string }[] = [];
    await vi.waitFor(
      async () => {
        const progress = await getRunProgress({ runId: run.id, viewer: { role: "admin" } });
        if (progress.concurrency.length > 0) shown = progress.concurrency;
        expect(shown.length > 0 || progress.status !== "running").toBe(true);
      },
      { timeout: 60_000, interval: 20 },
    );
    await waitForRunStatus(run.id, ["completed"], 120_000);

    const steps = await prisma.runStep.findMany({ where: { runId: run.id } });
    expect(steps.filter((s) => s.status !== "done")).toEqual([]);
    expect(steps).toHaveLength(SEEDS * ROUNDS);
    const stats = simulator.stats();
    expect(stats.rejectedInFlight).toBeGreaterThan(0);
    expect(stats.rejectedInFlight / stats.requests).toBeLessThan(0.1);

    // The run page showed the limit while it ran: backed off from 4 × N after a 429.
    expect(shown[0]).toMatchObject({ max: 4 * N });
    expect(shown[0].limit).toBeLessThan(4 * N);
    const row = await prisma.llmConcurrency.findFirstOrThrow({ where: { model: MODEL } });
    expect(row.backedOffAt).not.toBeNull();
    expect(row.limit).toBeLessThanOrEqual(2 * N);
    console.log(
      `[adaptive] ${stats.requests} requests, ${stats.rejectedInFlight} refused (${((100 * stats.rejectedInFlight) / stats.requests).toFixed(1)} %), ` +
        `limits now ${(await prisma.llmConcurrency.findMany()).map((r) => `${r.model}=${r.limit}`).join(" ")}`,
    );
  }, 180_000);
});
