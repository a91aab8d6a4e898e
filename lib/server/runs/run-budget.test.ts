// Spending caps end to end: capped runs executed by a real pg-boss worker, LLM
// calls through the openai client to the simulator over HTTP, and what was
// spent counted where a provider would bill it: at the simulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForNoLiveWork, waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

const PRICES = {
  "sim-evolver": { promptPerMillion: 1, completionPerMillion: 4 },
  "sim-answerer": { promptPerMillion: 2, completionPerMillion: 8 },
  "sim-judge": { promptPerMillion: 0.5, completionPerMillion: 1 },
};
process.env.LLM_CONCURRENCY = "16";
process.env.LLM_TIMEOUT_MS = "5000";
process.env.LLM_PRICES = JSON.stringify(PRICES);
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { controlRun } = await import("./control-run");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 30, jitter: 0.5, seed: "budget-test" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 24 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

type Usage = { prompt: number; completion: number; model: string };

/** Every reply the simulator gave for this run's calls (request keys start with the run id), with its model. */
async function billedAtSimulator(runId: string): Promise<Usage[]> {
  const calls = await getPrisma().llmCall.findMany({
    where: { runId, outcome: "ok" },
    select: { requestKey: true, model: true },
  });
  const modelOf = new Map(calls.map((c) => [c.requestKey!, c.model]));
  return Object.entries(simulator.stats().tokensByRequestKey)
    .filter(([key]) => key.startsWith(runId))
    .flatMap(([key, replies]) => replies.map((r) => ({ ...r, model: modelOf.get(key)! })));
}
const tokensOf = (usage: Usage[]) => usage.reduce((sum, u) => sum + u.prompt + u.completion, 0);
const costOf = (usage: Usage[]) =>
  usage.reduce((sum, u) => {
    const price = PRICES[u.model as keyof typeof PRICES];
    return sum + (u.prompt * price.promptPerMillion + u.completion * price.completionPerMillion) / 1e6;
  }, 0);

async function budgetOf(runId: string) {
  const run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
  const reservations = await getPrisma().runReservation.count({ where: { runId } });
  return {
    status: run.status,
    spentTokens: Number(run.spentTokens),
    spentCostUsd: Number(run.spentCostUsd),
    reservedTokens: Number(run.reservedTokens),
    reservedCostUsd: Number(run.reservedCostUsd),
    reservations,
    stop: run.budgetStop as {
      cause: string;
      spentTokens: number;
      spentCostUsd: number;
      inFlightTokens: number;
      inFlightCostUsd: number;
      nextCallTokens: number;
      nextCallCostUsd: number;
    } | null,
  };
}

async function stepCounts(runId: string): Promise<Record<string, number>> {
  const rows = await getPrisma().runStep.groupBy({ by: ["status"], where: { runId }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

/** After a capped run completes: each lineage grew every round, and no stored reply was asked for again. */
async function expectWholeLineages(runId: string, seeds: number, rounds: number) {
  const steps = await getPrisma().runStep.findMany({ where: { runId } });
  expect(steps).toHaveLength(seeds * rounds);
  expect(steps.filter((s) => s.status !== "done" || !s.passed)).toEqual([]);
  const nodes = await getPrisma().node.groupBy({ by: ["round"], where: { runId }, _count: true });
  expect(Object.fromEntries(nodes.map((n) => [n.round, n._count]))).toEqual(
    Object.fromEntries(Array.from({ length: rounds }, (_, i) => [i + 1, seeds])),
  );
  const arrivals = simulator.stats().arrivalsByRequestKey;
  const repeated = Object.entries(arrivals).filter(([key, times]) => key.startsWith(runId) && times.length > 1);
  expect(repeated).toEqual([]);
}

describe("spending caps", () => {
  it("stops a run at its token cap without failing a step, refuses a resume that does not raise the cap enough, and finishes once it is raised", async () => {
    const cap = 20_000;
    const project = await createProjectWithSeeds({ count: 20, actorId: admin.id });
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: 3, maxTokens: cap }),
      actorId: admin.id,
    });
    await waitForRunStatus(run.id, ["budget_reached"]);
    await waitForNoLiveWork(run.id);

    const stopped = await budgetOf(run.id);
    const billed = tokensOf(await billedAtSimulator(run.id));
    // The claim: a capped run never spends more than its cap. Every call's worst case is held before it is sent,
    // so what was in flight when the cap was reached fits under the cap too.
    expect(billed).toBeLessThanOrEqual(cap);
    expect(stopped.spentTokens).toBe(billed);
    expect(stopped.stop!.cause).toBe("tokens");
    expect(stopped.stop!.spentTokens + stopped.stop!.inFlightTokens).toBeLessThanOrEqual(cap);
    // ...and it stops only when the next call could not fit even after everything in flight settled.
    expect(stopped.stop!.spentTokens + stopped.stop!.nextCallTokens).toBeGreaterThan(cap);
    expect(cap - billed).toBeLessThan(stopped.stop!.nextCallTokens);
    expect({ reserved: stopped.reservedTokens, rows: stopped.reservations }).toEqual({ reserved: 0, rows: 0 });
    // No step failed or lost its place: the ones not done wait, as in a paused run.
    const counts = await stepCounts(run.id);
    expect(counts.failed ?? 0).toBe(0);
    expect(counts.running ?? 0).toBe(0);
    expect(counts.pending ?? 0).toBeGreaterThan(0);
    expect(await getPrisma().runStep.count({ where: { runId: run.id, NOT: { error: null } } })).toBe(0);

    await expect(controlRun({ runId: run.id, command: "resume", actorId: admin.id })).rejects.toThrow(
      /To resume, raise the token cap to at least [\d,]+ \([\d,]+ spent, 0 in flight, the next call up to [\d,]+\)/,
    );
    const barely = stopped.spentTokens + stopped.stop!.nextCallTokens - 1;
    await expect(
      controlRun({ runId: run.id, command: "resume", actorId: admin.id, maxTokens: barely }),
    ).rejects.toThrow(/raise the token cap/);
    expect((await budgetOf(run.id)).status).toBe("budget_reached");

    await controlRun({ runId: run.id, command: "resume", actorId: admin.id, maxTokens: 1_000_000 });
    await waitForRunStatus(run.id, ["completed"]);
    await expectWholeLineages(run.id, 20, 3);
    const finished = await budgetOf(run.id);
    expect(finished.spentTokens).toBe(tokensOf(await billedAtSimulator(run.id)));
    expect({ reserved: finished.reservedTokens, rows: finished.reservations }).toEqual({ reserved: 0, rows: 0 });
    const calls = await getPrisma().llmCall.aggregate({
      where: { runId: run.id, outcome: "ok" },
      _sum: { promptTokens: true, completionTokens: true },
    });
    expect(finished.spentTokens).toBe((calls._sum.promptTokens ?? 0) + (calls._sum.completionTokens ?? 0));
    console.log(
      `[budget] token cap ${cap}: stopped with ${billed} billed (${stopped.stop!.inFlightTokens} in flight at the stop, ` +
        `next call up to ${stopped.stop!.nextCallTokens}), ${counts.done ?? 0} steps done, ${counts.pending} waiting; ` +
        `${finished.spentTokens} after the resume`,
    );
  });

  it("stops a run at its cost cap with the prices it started with, and finishes once the cap is raised", async () => {
    const cap = 0.02;
    const project = await createProjectWithSeeds({ count: 20, actorId: admin.id });
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: 3, maxCostUsd: cap }),
      actorId: admin.id,
    });
    await waitForRunStatus(run.id, ["budget_reached"]);
    await waitForNoLiveWork(run.id);

    const stopped = await budgetOf(run.id);
    const billed = costOf(await billedAtSimulator(run.id));
    expect(billed).toBeLessThanOrEqual(cap);
    expect(stopped.spentCostUsd).toBeCloseTo(billed, 9);
    expect(stopped.stop!.cause).toBe("cost");
    expect(stopped.stop!.spentCostUsd + stopped.stop!.inFlightCostUsd).toBeLessThanOrEqual(cap);
    expect(cap - billed).toBeLessThan(stopped.stop!.nextCallCostUsd);
    expect({ reserved: stopped.reservedCostUsd, rows: stopped.reservations }).toEqual({ reserved: 0, rows: 0 });
    expect((await stepCounts(run.id)).failed ?? 0).toBe(0);

    await expect(
      controlRun({ runId: run.id, command: "resume", actorId: admin.id, maxCostUsd: cap + 0.0001 }),
    ).rejects.toThrow(/To resume, raise the cost cap to at least \$0\.\d{4}/);
    await controlRun({ runId: run.id, command: "resume", actorId: admin.id, maxCostUsd: 10 });
    await waitForRunStatus(run.id, ["completed"]);
    await expectWholeLineages(run.id, 20, 3);
    const finished = await budgetOf(run.id);
    expect(finished.spentCostUsd).toBeCloseTo(costOf(await billedAtSimulator(run.id)), 9);
    expect({ reserved: finished.reservedCostUsd, rows: finished.reservations }).toEqual({ reserved: 0, rows: 0 });
    console.log(
      `[budget] cost cap $${cap}: stopped with $${billed.toFixed(6)} billed ($${stopped.stop!.inFlightCostUsd.toFixed(6)} in flight ` +
        `at the stop, next call up to $${stopped.stop!.nextCallCostUsd.toFixed(6)}); $${finished.spentCostUsd.toFixed(6)} after the resume`,
    );
  });

  it("refuses a cost cap for a real endpoint whose models have no price; an uncapped run holds no reservation", async () => {
    const project = await createProjectWithSeeds({ count: 2, actorId: admin.id });
    process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
    try {
      await expect(
        startRun({
          ...simulatorRunOptions(project.id, {
            endpoint: "openai",
            models: { evolve: "unpriced-model", answer: "sim-answerer", judge: "sim-judge", difficulty: "x" },
            maxCostUsd: 1,
          }),
          actorId: admin.id,
        }),
      ).rejects.toThrow(
        /A cost cap needs the price of every model the run uses; LLM_PRICES has none for unpriced-model/,
      );
    } finally {
      delete process.env.OPENAI_BASE_URL;
    }
    const uncapped = await startRun({ ...simulatorRunOptions(project.id, { rounds: 1 }), actorId: admin.id });
    await waitForRunStatus(uncapped.id, ["completed"]);
    expect(await getPrisma().runReservation.count({ where: { runId: uncapped.id } })).toBe(0);
  });
});
