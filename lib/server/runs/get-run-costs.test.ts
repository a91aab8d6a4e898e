// What a run cost, end to end: simulator runs executed by a real pg-boss worker,
// every call through the openai client; the breakdown is checked against the
// llm_calls rows it sums, and the per-node figures against reviewers' decisions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CostLine } from "@/lib/evolution/cost-breakdown";
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
process.env.LLM_TIMEOUT_MS = "5000";
process.env.LLM_PRICES = JSON.stringify(PRICES);
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { getRunCosts } = await import("./get-run-costs");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { getProjectCosts } = await import("@/lib/server/dashboard/get-project-costs");
const { projectCardFacts } = await import("@/lib/server/export/project-card-facts");
const { costRows } = await import("@/lib/server/export/cost-rows");
const { datasetCard } = await import("@/lib/export/bundle/dataset-card");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  // Server errors leave failed attempts (stored without their step) to be counted too.
  simulator = await createSimulator({ latencyMs: 5, seed: "cost-test", faults: { server_error: 0.1, refusal: 0.2 } });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 8 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

async function finishedRun(projectId: string, models?: Record<string, string>) {
  const run = await startRun({
    ...simulatorRunOptions(projectId, { rounds: 2, ...(models ? { models: models as never } : {}) }),
    actorId: admin.id,
  });
  await waitForRunStatus(run.id, ["completed"]);
  await waitForNoLiveWork(run.id);
  return run;
}

async function callRows(runId: string) {
  return getPrisma().llmCall.findMany({ where: { runId } });
}

const sum = <T>(items: T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

describe("run costs", () => {
  it("sums every call per round, operation and role at the run's prices, and divides by passing and accepted nodes", async () => {
    const project = await createProjectWithSeeds({ count: 8, actorId: admin.id });
    const run = await finishedRun(project.id);
    const calls = await callRows(run.id);
    expect(calls.some((c) => c.outcome !== "ok")).toBe(true);
    const tokens = sum(calls, (c) => (c.promptTokens ?? 0) + (c.completionTokens ?? 0));
    const money = sum(calls, (c) => {
      const price = PRICES[c.model as keyof typeof PRICES];
      return (
        ((c.promptTokens ?? 0) * price.promptPerMillion + (c.completionTokens ?? 0) * price.completionPerMillion) / 1e6
      );
    });

    const nodes = await getPrisma().node.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    const passing = nodes.filter((n) => n.verdict === "passed");
    expect(passing.length).toBeGreaterThan(2);
    expect(passing.length).toBeLessThan(nodes.length);
    for (const node of passing.slice(0, 2))
      await decideNode({
        projectId: project.id,
        nodeId: node.id,
        reviewer: admin,
        decision: "accept",
        reasonTags: [],
        note: "",
        seenReviewId: null,
      });

    const costs = await getRunCosts({ runId: run.id });
    expect(costs.priced).toBe(true);
    expect(costs.total).toMatchObject({ calls: calls.length, tokens, passing: passing.length, accepted: 2 });
    expect(costs.total.costUsd).toBeCloseTo(money, 9);
    expect(costs.total.costPerAcceptedUsd).toBeCloseTo(money / 2, 9);
    expect(costs.total.costPerPassingUsd).toBeCloseTo(money / passing.length, 9);
    expect(costs.total.tokensPerAccepted).toBe(tokens / 2);
    for (const lines of [costs.perRound, costs.perOperation, costs.perRole] as CostLine<string | number>[][]) {
      expect(sum(lines, (l) => l.calls)).toBe(calls.length);
      expect(sum(lines, (l) => l.tokens)).toBe(tokens);
      expect(sum(lines, (l) => l.costUsd!)).toBeCloseTo(money, 9);
    }
    expect(costs.perRound.filter((l) => l.key !== null).map((l) => l.key)).toEqual([1, 2]);
    for (const lines of [costs.perRound, costs.perOperation] as CostLine<string | number>[][]) {
      expect(sum(lines, (l) => l.passing)).toBe(passing.length);
      expect(sum(lines, (l) => l.accepted)).toBe(2);
    }
    // Failed attempts carry no step: they make the one line without a key, and no reply was billed for them.
    const unattributed = costs.perRound.find((l) => l.key === null);
    expect(unattributed?.calls).toBe(calls.filter((c) => c.requestKey === null).length);
    // Round 1 against its own calls and nodes.
    const round1 = costs.perRound.find((l) => l.key === 1)!;
    const round1Calls = calls.filter((c) => c.requestKey !== null && c.requestKey.split(":")[2] === "1");
    expect(round1.calls).toBe(round1Calls.length);
    // A round is its steps' (a seed whose first step failed may grow in a later round): count their nodes.
    const round1Steps = await getPrisma().runStep.findMany({
      where: { runId: run.id, round: 1, childId: { not: null } },
    });
    expect(round1.passing).toBe(round1Steps.filter((s) => s.passed).length);

    const project2 = await getProjectCosts({ projectId: project.id });
    expect(project2.perRun).toHaveLength(1);
    expect(project2.perRun[0]).toMatchObject({ key: run.id, calls: calls.length, tokens, accepted: 2 });
    expect(project2.total.costUsd).toBeCloseTo(money, 9);
    expect(sum(project2.perOperation, (l) => l.tokens)).toBe(tokens);

    // The dataset card of an export says the same.
    const facts = await projectCardFacts({ projectId: project.id });
    const card = datasetCard({
      prettyName: "costs",
      format: "alpaca",
      fileName: "costs.jsonl",
      lineage: false,
      records: 0,
      perRound: [],
      perOperation: [],
      eliminator: { passed: 0, failed: 0, pending: 0, failedPerRule: [] },
      review: { accepted: 0, rejected: 0, unreviewed: 0, disputed: 0, reviewers: [] },
      selection: [],
      runs: [],
      cost: costRows(facts.costs),
      generatedAt: new Date(),
    });
    const summary = card.match(/took (\d+) LLM calls, (\d+) tokens and cost \$(\d+\.\d+)/)!;
    expect(summary.slice(1, 3).map(Number)).toEqual([calls.length, tokens]);
    expect(Number(summary[3])).toBeCloseTo(money, 3);
    // The run's row: its last cell is the cost per accepted node.
    const lines = card.split("\n");
    const runRow = lines[lines.indexOf("### Per run") + 4].split(" | ");
    expect(Number(runRow.at(-1)!.replace(/[$ |]/g, ""))).toBeCloseTo(money / 2, 3);
  });

  it("shows tokens only, no money, when a model the run used has no price", async () => {
    const project = await createProjectWithSeeds({ count: 3, actorId: admin.id });
    const run = await finishedRun(project.id, {
      evolve: "sim-evolver",
      answer: "sim-unpriced",
      judge: "sim-judge",
      difficulty: "sim-judge",
    });
    const calls = await callRows(run.id);
    const costs = await getRunCosts({ runId: run.id });
    expect(costs.priced).toBe(false);
    expect(costs.total.tokens).toBe(sum(calls, (c) => (c.promptTokens ?? 0) + (c.completionTokens ?? 0)));
    expect(costs.total.tokens).toBeGreaterThan(0);
    expect(costs.total.costUsd).toBeNull();
    expect(costs.total.costPerPassingUsd).toBeNull();
    // A round used the unpriced answerer, so it has no money either; the evolve calls alone do.
    expect(costs.perRound.filter((l) => l.key !== null).every((l) => l.costUsd === null)).toBe(true);
    expect(costs.perRole.find((l) => l.key === "evolve")!.costUsd).toBeGreaterThan(0);
    expect(costs.perRole.find((l) => l.key === "answer")!.costUsd).toBeNull();
  });
});
