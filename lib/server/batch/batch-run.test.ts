// Batch-mode runs end to end: started by the service, driven by a real
// pg-boss worker (the run's batch job and its step jobs), the simulator's
// Batch API over HTTP through the openai client, a real Postgres.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { CODE_TEXTS, PAPER_TEXTS } from "@/lib/evolution/builtin-methods";
import { OPERATIONS, type Operation } from "@/lib/evolution/operations";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.LLM_CONCURRENCY = "16";
process.env.LLM_TIMEOUT_MS = "5000";
process.env.LLM_BATCH_POLL_SECONDS = "0.2";
process.env.LLM_BATCH_SYNC_BELOW = "0";
// Batch price: half of these (LLM_BATCH_PRICE_FACTOR's default).
const PRICES = {
  "sim-evolver": { promptPerMillion: 1, completionPerMillion: 4 },
  "sim-answerer": { promptPerMillion: 2, completionPerMillion: 8 },
  "sim-judge": { promptPerMillion: 0.5, completionPerMillion: 1 },
};
process.env.LLM_PRICES = JSON.stringify(PRICES);
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("@/lib/server/runs/start-run");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { controlRun } = await import("@/lib/server/runs/control-run");
const { reapRuns } = await import("@/lib/server/runs/reap-runs");
const { BATCH_QUEUE } = await import("@/lib/server/jobs/batch-job");
const { getRunBatches } = await import("./get-run-batches");
const { listRuns } = await import("@/lib/server/runs/list-runs");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

// Content faults only: some rewrites are eliminated, so verdicts differ between steps.
const FAULTS = { refusal: 0.1, equal_verdict: 0.1, empty_reply: 0.05 };

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 2, seed: "batch-run-test", faults: FAULTS, batchDelayMs: 100 });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 16 });
});

beforeEach(() => {
  simulator.setOptions({ faults: FAULTS, batchDelayMs: 100, batchFailingLines: 0, batchExpire: 0 });
  simulator.resetStats();
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

/** A run's tree by lineage (its seed's text), round and branch slot: what each step did and made. */
async function treeOf(runId: string) {
  const steps = await getPrisma().runStep.findMany({
    where: { runId },
    include: { child: true, parent: { select: { instruction: true, round: true } } },
  });
  const seeds = await getPrisma().node.findMany({
    where: { id: { in: steps.map((s) => s.rootId) } },
    select: { id: true, instruction: true },
  });
  const seedText = new Map(seeds.map((n) => [n.id, n.instruction]));
  return steps
    .map((s) => ({
      at: `${seedText.get(s.rootId)}:${s.round}:${s.slot}`,
      parent: s.parent,
      operation: s.operation,
      status: s.status,
      passed: s.passed,
      child: s.child && {
        round: s.child.round,
        instruction: s.child.instruction,
        input: s.child.input,
        output: s.child.output,
        verdict: s.child.verdict,
        failedRules: s.child.failedRules,
      },
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

// Operations are drawn from the run's and parent's ids, which two runs never share: one operation makes
// the draws agree, so the two trees can be compared node by node.
const ONE_OPERATION = Object.fromEntries(OPERATIONS.map((op) => [op, op === "deepen" ? 1 : 0])) as Record<
  Operation,
  number
>;

describe("batch-mode runs", () => {
  it("a 4-round batch-mode run grows the same tree as the same run in normal mode, with no live call", async () => {
    const options = { rounds: 4, weights: ONE_OPERATION };
    const normalProject = await createProjectWithSeeds({ count: 12, actorId: admin.id, withInput: true });
    const normalRun = await startRun({ ...simulatorRunOptions(normalProject.id, options), actorId: admin.id });
    await waitForRunStatus(normalRun.id, ["completed"], 60_000);
    const normal = await treeOf(normalRun.id);
    expect(normal.length).toBeGreaterThanOrEqual(48);
    expect(normal.some((s) => s.passed === false)).toBe(true);

    // The same simulator state: each request is answered (and faulted) as it was the first time.
    simulator.resetStats();
    const project = await createProjectWithSeeds({ count: 12, actorId: admin.id, withInput: true });
    const run = await startRun({ ...simulatorRunOptions(project.id, options), batch: true, actorId: admin.id });
    expect((await getPrisma().run.findUniqueOrThrow({ where: { id: run.id } })).batch).toBe(true);
    await waitForRunStatus(run.id, ["completed"], 90_000);
    const batched = await treeOf(run.id);
    expect(batched).toEqual(normal);

    const stats = simulator.stats();
    expect(stats.requests, "live chat calls").toBe(0);
    expect(Object.values(stats.batchLinesByCustomId).every((n) => n === 1)).toBe(true);
    const calls = await getPrisma().llmCall.findMany({ where: { runId: run.id } });
    expect(calls.every((c) => c.outcome === "ok")).toBe(true);
    // Every call is one of a stored node's step: the node view finds a node's calls by its step key.
    const stepKeys = new Set((await getPrisma().node.findMany({ where: { runId: run.id } })).map((n) => n.stepKey));
    expect(calls.filter((c) => !stepKeys.has(c.requestKey!.slice(0, c.requestKey!.lastIndexOf(":"))))).toEqual([]);
    expect(Object.keys(stats.batchLinesByCustomId).sort()).toEqual(calls.map((c) => c.requestKey).sort());
    const batches = await getRunBatches({ runId: run.id });
    // At least an evolve batch and an answer/judge phase per round.
    expect(new Set(batches.map((b) => b.round))).toEqual(new Set([1, 2, 3, 4]));
    expect(batches.every((b) => b.state === "collected" && b.providerStatus === "completed")).toBe(true);
    expect(batches.reduce((sum, b) => sum + b.requests.done, 0)).toBe(calls.length);
  }, 180_000);

  it("retries failing lines and an expired batch, recording each failure with its reason", async () => {
    simulator.setOptions({ faults: {}, batchFailingLines: 0.25, batchExpire: 1 });
    const project = await createProjectWithSeeds({ count: 8, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 2 }), batch: true, actorId: admin.id });
    // Only the first batch expires.
    await vi.waitFor(async () => expect((await getRunBatches({ runId: run.id }))[0]?.state).toBe("submitted"), {
      timeout: 20_000,
    });
    simulator.setOptions({ batchExpire: 0 });
    await waitForRunStatus(run.id, ["completed"], 90_000);

    const prisma = getPrisma();
    const steps = await prisma.runStep.findMany({ where: { runId: run.id } });
    expect(steps.every((s) => s.status === "done" && s.passed)).toBe(true);
    const errors = await prisma.llmCall.findMany({ where: { runId: run.id, outcome: "error" } });
    const kinds = new Set(errors.map((e) => e.errorKind));
    expect(kinds).toEqual(new Set(["batch_expired", "server_error"]));
    expect(errors.find((e) => e.errorKind === "batch_expired")!.errorMessage).toMatch(/completion window expired/);
    expect(errors.find((e) => e.errorKind === "server_error")!.errorMessage).toMatch(/simulated/);
    const batches = await getRunBatches({ runId: run.id });
    const expired = batches.filter((b) => b.providerStatus === "expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ failureReason: "batch expired", requests: { done: 0 } });
    expect(expired[0].requests.failed).toBe(expired[0].requests.total);
    // Each request went out once more per failure of it, and no more.
    const failedLines = await prisma.llmBatchLine.groupBy({
      by: ["requestKey"],
      where: { batch: { runId: run.id }, outcome: "error" },
      _count: { _all: true },
    });
    const failuresOf = new Map(failedLines.map((l) => [l.requestKey, l._count._all]));
    const sent = simulator.stats().batchLinesByCustomId;
    for (const [key, times] of Object.entries(sent)) expect(times, key).toBe(1 + (failuresOf.get(key) ?? 0));
    expect(failedLines.length).toBeGreaterThan(0);
    expect(errors).toHaveLength([...failuresOf.values()].reduce((a, b) => a + b, 0));
    expect(simulator.stats().requests).toBe(0);
  }, 120_000);

  it("pause keeps open batches and their results but plans nothing new; resume goes on", async () => {
    simulator.setOptions({ faults: {}, batchDelayMs: 2_000 });
    const project = await createProjectWithSeeds({ count: 6, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 2 }), batch: true, actorId: admin.id });
    await vi.waitFor(async () => expect((await getRunBatches({ runId: run.id }))[0]?.state).toBe("submitted"), {
      timeout: 20_000,
    });
    await controlRun({ runId: run.id, command: "pause", actorId: admin.id });
    await vi.waitFor(
      async () => expect((await getRunBatches({ runId: run.id })).every((b) => b.state === "collected")).toBe(true),
      { timeout: 20_000 },
    );
    const paused = await getRunBatches({ runId: run.id });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await getRunBatches({ runId: run.id })).toEqual(paused);
    const prisma = getPrisma();
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("paused");
    expect(await prisma.llmCall.count({ where: { runId: run.id, role: "evolve", outcome: "ok" } })).toBe(6);
    expect(await prisma.runStep.count({ where: { runId: run.id, status: "pending" } })).toBe(6);

    simulator.setOptions({ batchDelayMs: 100 });
    await controlRun({ runId: run.id, command: "resume", actorId: admin.id });
    await waitForRunStatus(run.id, ["completed"], 60_000);
    expect(Object.values(simulator.stats().batchLinesByCustomId).every((n) => n === 1)).toBe(true);
    expect(await prisma.node.count({ where: { runId: run.id } })).toBe(12);
  }, 120_000);

  it("cancel cancels the run's open batches at the provider and records it", async () => {
    simulator.setOptions({ faults: {}, batchDelayMs: 60_000 });
    const project = await createProjectWithSeeds({ count: 4, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 2 }), batch: true, actorId: admin.id });
    await vi.waitFor(async () => expect((await getRunBatches({ runId: run.id }))[0]?.state).toBe("submitted"), {
      timeout: 20_000,
    });
    await controlRun({ runId: run.id, command: "cancel", actorId: admin.id });
    await vi.waitFor(
      async () =>
        expect(await getRunBatches({ runId: run.id })).toEqual([
          expect.objectContaining({
            state: "collected",
            providerStatus: "cancelled",
            failureReason: "cancelled with the run",
          }),
        ]),
      { timeout: 20_000 },
    );
    const prisma = getPrisma();
    const [row] = await prisma.llmBatch.findMany({ where: { runId: run.id } });
    const client = new OpenAI({ baseURL: simulator.url, apiKey: "sim" });
    expect((await client.batches.retrieve(row.providerId!)).status).toBe("cancelled");
    expect(await prisma.runStep.count({ where: { runId: run.id, status: "cancelled" } })).toBe(4);
    expect(await prisma.llmCall.count({ where: { runId: run.id, outcome: "ok" } })).toBe(0);
  }, 60_000);

  it("a gated batch run waits at the gate and continues on release", async () => {
    simulator.setOptions({ faults: {} });
    const project = await createProjectWithSeeds({ count: 4, actorId: admin.id });
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: 2, mode: "gated" }),
      batch: true,
      actorId: admin.id,
    });
    await waitForRunStatus(run.id, ["waiting_review"], 60_000);
    const prisma = getPrisma();
    expect(await prisma.node.count({ where: { runId: run.id } })).toBe(4);
    const atGate = await getRunBatches({ runId: run.id });
    expect(atGate.every((b) => b.round === 1 && b.state === "collected")).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await getRunBatches({ runId: run.id })).toHaveLength(atGate.length);
    await controlRun({ runId: run.id, command: "release", actorId: admin.id });
    await waitForRunStatus(run.id, ["completed"], 60_000);
    expect(await prisma.node.count({ where: { runId: run.id } })).toBe(8);
    expect((await getRunBatches({ runId: run.id })).some((b) => b.round === 2)).toBe(true);
    expect(simulator.stats().requests).toBe(0);
  }, 120_000);

  it("a capped batch run stops before its cap at the batch price, billed = stored, and goes on when raised", async () => {
    simulator.setOptions({ faults: {} });
    const cap = 0.02;
    const project = await createProjectWithSeeds({ count: 8, actorId: admin.id });
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: 2, maxCostUsd: cap }),
      batch: true,
      actorId: admin.id,
    });
    await waitForRunStatus(run.id, ["budget_reached"], 60_000);
    await vi.waitFor(
      async () => expect((await getRunBatches({ runId: run.id })).every((b) => b.state === "collected")).toBe(true),
      { timeout: 20_000 },
    );
    const prisma = getPrisma();
    const stopped = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    const spent = Number(stopped.spentCostUsd);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(cap);
    expect(Number(stopped.reservedCostUsd)).toBe(0);
    expect(await prisma.runReservation.count({ where: { runId: run.id } })).toBe(0);
    // What was stored is what the simulator billed, at half the price.
    const calls = await prisma.llmCall.findMany({ where: { runId: run.id, outcome: "ok" } });
    const stats = simulator.stats();
    expect(calls.reduce((sum, c) => sum + c.promptTokens! + c.completionTokens!, 0)).toBe(
      stats.promptTokens + stats.completionTokens,
    );
    const atBatchPrice = calls.reduce((sum, c) => {
      const price = PRICES[c.model as keyof typeof PRICES];
      return (
        sum +
        ((c.promptTokens! * price.promptPerMillion + c.completionTokens! * price.completionPerMillion) / 1e6) * 0.5
      );
    }, 0);
    expect(spent).toBeCloseTo(atBatchPrice, 9);
    const stop = stopped.budgetStop as { cause: string; nextCallCostUsd: number };
    expect(stop.cause).toBe("cost");
    expect(cap - spent).toBeLessThan(stop.nextCallCostUsd);
    expect(await prisma.runStep.count({ where: { runId: run.id, status: "failed" } })).toBe(0);

    await controlRun({ runId: run.id, command: "resume", actorId: admin.id, maxCostUsd: 10 });
    await waitForRunStatus(run.id, ["completed"], 60_000);
    expect(await prisma.node.count({ where: { runId: run.id } })).toBe(16);
    expect(simulator.stats().requests).toBe(0);
  }, 120_000);

  it("the reaper gives a batch run whose job is gone its job again", async () => {
    simulator.setOptions({ faults: {}, batchDelayMs: 60_000 });
    process.env.LLM_BATCH_POLL_SECONDS = "60";
    try {
      const project = await createProjectWithSeeds({ count: 2, actorId: admin.id });
      const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 1 }), batch: true, actorId: admin.id });
      const prisma = getPrisma();
      const jobs = () =>
        prisma.$queryRaw<{ state: string }[]>`
          SELECT state::text FROM pgboss.job WHERE name = ${BATCH_QUEUE} AND singleton_key = ${run.id}
            AND state <= 'active'`;
      // Submitted, polled once, and its next pass a minute away: nothing is running it now.
      await vi.waitFor(
        async () => {
          expect((await getRunBatches({ runId: run.id }))[0]?.state).toBe("submitted");
          expect(await jobs()).toEqual([{ state: "created" }]);
        },
        { timeout: 20_000 },
      );
      // The job is lost (as when its retries ran out and it was archived).
      await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${BATCH_QUEUE} AND singleton_key = ${run.id}`;
      const reaped = await reapRuns();
      expect(reaped.batchRuns).toContain(run.id);
      expect(reaped.steps).toEqual([]);
      expect((await jobs()).length).toBe(1);
      expect((await reapRuns()).batchRuns).not.toContain(run.id);
      await controlRun({ runId: run.id, command: "cancel", actorId: admin.id });
    } finally {
      process.env.LLM_BATCH_POLL_SECONDS = "0.2";
    }
  }, 60_000);

  it("sends a phase of fewer than LLM_BATCH_SYNC_BELOW calls live instead, through the steps' own jobs", async () => {
    simulator.setOptions({ faults: {} });
    process.env.LLM_BATCH_SYNC_BELOW = "5";
    try {
      // 2 seeds: 2 evolve calls, then 2 answer and 2 judge calls a round: every phase goes live.
      const small = await createProjectWithSeeds({ count: 2, actorId: admin.id });
      const live = await startRun({ ...simulatorRunOptions(small.id, { rounds: 2 }), batch: true, actorId: admin.id });
      await waitForRunStatus(live.id, ["completed"], 60_000);
      expect(await getRunBatches({ runId: live.id })).toEqual([]);
      expect(simulator.stats().requests).toBe(2 * 2 * 3);
      expect(await getPrisma().node.count({ where: { runId: live.id } })).toBe(4);
    } finally {
      process.env.LLM_BATCH_SYNC_BELOW = "0";
    }
  }, 120_000);

  it("a batch-mode run sends its method's prompts (the code method), in every batch line", async () => {
    simulator.setOptions({ faults: {}, recordPrompts: true });
    try {
      const project = await createProjectWithSeeds({ count: 4, actorId: admin.id });
      const run = await startRun({
        ...simulatorRunOptions(project.id, { rounds: 1 }),
        method: "code",
        batch: true,
        actorId: admin.id,
      });
      await waitForRunStatus(run.id, ["completed"], 60_000);
      const { prompts } = simulator.stats();
      const evolve = prompts.filter((p) => p.endsWith("#Rewritten Prompt#:") || p.endsWith("#Created Prompt#:"));
      expect(evolve).toHaveLength(4);
      expect(simulator.stats().batches).toBeGreaterThan(0);
      const judge = prompts.filter((p) => p.startsWith(CODE_TEXTS.judge));
      expect(judge).toHaveLength(4);
      expect(prompts.some((p) => p.startsWith(PAPER_TEXTS.judge))).toBe(false);
      // The project's run list says both.
      expect(await listRuns({ projectId: project.id })).toEqual([
        expect.objectContaining({ id: run.id, batch: true, method: "code v1" }),
      ]);
    } finally {
      simulator.setOptions({ recordPrompts: false });
    }
  }, 120_000);

  it("a worker without the run's endpoint stalls the run's steps with the reason, as step jobs do", async () => {
    process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
    const project = await createProjectWithSeeds({ count: 2, actorId: admin.id });
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: 1, endpoint: "openai" }),
      batch: true,
      actorId: admin.id,
    });
    delete process.env.OPENAI_BASE_URL;
    const stalled = await waitForRunStatus(run.id, ["stalled"], 60_000);
    expect(stalled.status).toBe("stalled");
    const steps = await getPrisma().runStep.findMany({ where: { runId: run.id } });
    expect(steps.map((s) => [s.status, s.errorKind])).toEqual([
      ["failed", "worker"],
      ["failed", "worker"],
    ]);
    expect(steps[0].error).toMatch(/The worker has no endpoint for this run \(openai\): No LLM endpoint is configured/);
    await controlRun({ runId: run.id, command: "cancel", actorId: admin.id });
  }, 90_000);
});
