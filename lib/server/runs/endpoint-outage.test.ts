// The LLM endpoint goes away mid-run for longer than any step's retry budget
// and comes back on the same address: the breaker holds the calls (the run
// page says so), no step fails for it, and the run ends as if nothing happened.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSimulator, type Simulator, type SimulatorStats } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

const SEEDS = 20;
const ROUNDS = 4;
// A tight retry budget: without the breaker, two connection errors fail a step for good.
const LLM_MAX_ATTEMPTS = 2;
// Failed probes to wait for: well beyond that budget.
const PROBES_WHILE_DOWN = 12;

process.env.LLM_CONCURRENCY = "8";
process.env.LLM_TIMEOUT_MS = "2000";
process.env.LLM_MAX_ATTEMPTS = String(LLM_MAX_ATTEMPTS);
process.env.EVOL_MAX_STEP_ATTEMPTS = "1";
process.env.LLM_BREAKER_FAILURES = "3";
process.env.LLM_BREAKER_MAX_PROBE_MS = "200";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { getRunProgress } = await import("./get-run-progress");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;
const options = { latencyMs: 20, jitter: 0.5, seed: "endpoint-outage-test" };

beforeAll(async () => {
  simulator = await createSimulator(options);
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 24 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

describe("LLM endpoint outage", () => {
  it("holds calls while the endpoint is away, shows it on the run page, and fails no step for it", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: SEEDS, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: ROUNDS }), actorId: admin.id });
    const admin_ = { role: "admin" as const };

    await vi.waitFor(
      async () => expect(await prisma.runStep.count({ where: { runId: run.id, status: "done" } })).toBeGreaterThan(15),
      { timeout: 60_000, interval: 20 },
    );
    const before: SimulatorStats = simulator.stats();
    const port = simulator.port;
    const downAt = Date.now();
    await simulator.close();
    const errorsAtDown = await prisma.llmCall.count({ where: { runId: run.id, outcome: "error" } });

    // Down for good while the breaker probes again and again: the run page says it waits.
    let seen: { since: string; heldCalls: number } | null = null;
    let maxHeld = 0;
    await vi.waitFor(
      async () => {
        const progress = await getRunProgress({ runId: run.id, viewer: admin_ });
        if (progress.endpointWait) seen = progress.endpointWait;
        maxHeld = Math.max(maxHeld, seen?.heldCalls ?? 0);
        const probes = await prisma.llmCall.count({
          where: { runId: run.id, outcome: "error", errorKind: "connection" },
        });
        expect(seen?.heldCalls ?? 0).toBeGreaterThan(0);
        expect(probes - errorsAtDown).toBeGreaterThan(3 + PROBES_WHILE_DOWN);
      },
      { timeout: 60_000, interval: 50 },
    );
    const during = await getRunProgress({ runId: run.id, viewer: admin_ });
    expect(during.status).toBe("running");
    expect(during.totals.failedSteps).toBe(0);
    expect(during.endpointWait).not.toBeNull();
    expect(Date.parse(during.endpointWait!.since)).toBeGreaterThanOrEqual(downAt - 1_000);
    const outageRows = await prisma.endpointOutage.findMany({ where: { closedAt: null } });
    expect(outageRows).toHaveLength(1);
    expect(outageRows[0].endpoint).toBe(`127.0.0.1:${port}`);

    // Back on the same address: everything goes on by itself.
    simulator = await createSimulator({ ...options, port });
    const upAt = Date.now();
    await waitForRunStatus(run.id, ["completed"], 120_000);

    const steps = await prisma.runStep.findMany({ where: { runId: run.id }, include: { child: true } });
    expect(steps.filter((s) => s.status !== "done")).toEqual([]);
    // Every lineage got all its rounds.
    const rounds = new Map<string, Set<number>>();
    for (const s of steps) rounds.set(s.rootId, (rounds.get(s.rootId) ?? new Set()).add(s.round));
    expect(rounds.size).toBe(SEEDS);
    for (const r of rounds.values()) expect([...r].sort()).toEqual([1, 2, 3, 4]);
    // Counters are what is stored.
    const nodes = await prisma.node.count({ where: { runId: run.id } });
    const after = await getRunProgress({ runId: run.id, viewer: admin_ });
    expect(after.totals).toMatchObject({ evolved: nodes, failedSteps: 0, open: 0 });
    expect(nodes).toBe(steps.length);
    expect(after.currentRound).toBe(ROUNDS);
    expect(after.endpointWait).toBeNull();
    expect(await prisma.endpointOutage.count({ where: { closedAt: null } })).toBe(0);
    // Replies the endpoint completed (billed) against replies stored: one per call, none paid twice
    // (a reply cut off when the endpoint closed may be billed and never received).
    const stored = await prisma.llmCall.count({ where: { runId: run.id, outcome: "ok" } });
    const billed = before.completed + simulator.stats().completed;
    expect(stored).toBe(steps.length * 3);
    expect(billed).toBeGreaterThanOrEqual(stored);
    expect(billed - stored).toBeLessThanOrEqual(before.inFlight);
    console.log(
      `[endpoint outage] down ${((upAt - downAt) / 1000).toFixed(1)} s; held up to ${maxHeld} calls; ` +
        `${(await prisma.llmCall.count({ where: { runId: run.id, outcome: "error" } })) - errorsAtDown} failed attempts while down; ` +
        `billed ${billed} replies, stored ${stored}, nodes ${nodes}`,
    );
  }, 180_000);
});
