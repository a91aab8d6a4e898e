// A comparison end to end on the simulator: paper against code from one drawn
// sample, both runs evolve exactly the same seeds, and the page's figures equal
// a recount from the nodes, their parents and the LLM calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { median, wilsonInterval } from "@/lib/evolution/compare-stats";
import { RULES } from "@/lib/evolution/eliminator";
import { OPERATIONS } from "@/lib/evolution/operations";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startComparison } = await import("./start-comparison");
const { getComparison } = await import("./get-comparison");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 1, seed: "comparison-test" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 8 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

const allOps = Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as Record<(typeof OPERATIONS)[number], number>;

function comparisonOptions(projectId: string) {
  // The shared options of a run (its weights are overridden by each side's).
  const shared = simulatorRunOptions(projectId, {
    rounds: 3,
    scoreDifficulty: true,
    seedLimit: 12,
    name: "paper vs code",
  });
  return {
    ...shared,
    rules: { ...shared.rules, duplicate: true },
    a: { method: "paper", weights: allOps },
    b: { method: "code", weights: allOps },
  };
}

describe("comparisons", () => {
  it("paper vs code: both runs evolve the same drawn seeds, and the figures equal a recount", async () => {
    const project = await createProjectWithSeeds({ count: 20, actorId: admin.id });
    const started = await startComparison({ ...comparisonOptions(project.id), actorId: admin.id });
    expect(started.seeds).toBe(12);
    expect(started.runs.map((r) => r.method)).toEqual(["paper v1", "code v1"]);
    const prisma = getPrisma();
    const comparison = await prisma.comparison.findUniqueOrThrow({ where: { id: started.id } });
    expect(new Set(comparison.seedIds).size).toBe(12);
    const seeds = await prisma.node.findMany({
      where: { projectId: project.id, parentId: null },
      select: { id: true },
    });
    expect(comparison.seedIds.every((id) => seeds.some((s) => s.id === id))).toBe(true);
    for (const runId of [comparison.runAId, comparison.runBId]) {
      await waitForRunStatus(runId, ["completed"], 120_000);
      const firstRound = await prisma.runStep.findMany({ where: { runId, round: 1 }, select: { parentId: true } });
      expect(firstRound.map((s) => s.parentId).sort()).toEqual([...comparison.seedIds].sort());
    }

    // Some human decisions, so acceptance and cost per accepted node have something to count.
    const evolved = await prisma.node.findMany({
      where: { runId: { in: [comparison.runAId, comparison.runBId] } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    for (const [i, node] of evolved.entries())
      if (i % 3 !== 2)
        await decideNode({
          projectId: project.id,
          nodeId: node.id,
          reviewer: admin,
          decision: i % 3 === 0 ? "accept" : "reject",
          reasonTags: [],
          note: "",
          seenReviewId: null,
        });

    const view = await getComparison({ projectId: project.id, comparisonId: started.id });
    expect(view.seeds).toBe(12);
    expect(view.runs.map((r) => r.method)).toEqual(["paper v1", "code v1"]);
    expect(view.groups.map((g) => g.key)).toEqual([
      "all",
      "round:1",
      "round:2",
      "round:3",
      ...OPERATIONS.map((op) => `operation:${op}`),
    ]);
    for (const [side, runId] of [
      ["a", comparison.runAId],
      ["b", comparison.runBId],
    ] as const) {
      const recount = await recountRun(runId);
      for (const group of view.groups) {
        const nodes = recount.nodes.filter((n) =>
          group.key === "all"
            ? true
            : group.key.startsWith("round:")
              ? `round:${n.round}` === group.key
              : `operation:${n.operation}` === group.key,
        );
        const figures = group[side];
        const reviewed = nodes.filter((n) => n.status !== "unreviewed");
        const accepted = nodes.filter((n) => n.status === "accepted").length;
        const difficulty = nodes.flatMap((n) =>
          n.difficulty !== null && n.parentDifficulty !== null ? [n.difficulty - n.parentDifficulty] : [],
        );
        const growth = nodes.map((n) => n.words - n.parentWords);
        expect(figures.nodes, group.key).toBe(nodes.length);
        expect(figures.passed).toEqual(wilsonInterval(nodes.filter((n) => n.passed).length, nodes.length));
        for (const rule of RULES)
          expect(figures.rules[rule], rule).toEqual(
            wilsonInterval(nodes.filter((n) => !n.failed.includes(rule)).length, nodes.length),
          );
        expect(figures.duplicates).toEqual(
          wilsonInterval(nodes.filter((n) => n.failed.includes("duplicate")).length, nodes.length),
        );
        expect(figures.accepted).toEqual(wilsonInterval(accepted, reviewed.length));
        expect(figures.difficultyChange).toEqual({ median: median(difficulty), pairs: difficulty.length });
        expect(figures.lengthGrowth).toEqual({ median: median(growth), pairs: growth.length });
        const calls = recount.calls.filter((c) =>
          group.key === "all"
            ? true
            : c.step !== null && (c.step.round === group.key || c.step.operation === group.key),
        ).length;
        expect(figures.callsPerAccepted, group.key).toBe(accepted === 0 ? null : calls / accepted);
      }
      // The recount compared something: changes were scored from round 2 on, and decisions were counted.
      const all = view.groups[0][side];
      expect(recount.nodes.length).toBeGreaterThan(12);
      expect(all.difficultyChange.pairs).toBeGreaterThan(0);
      expect(all.lengthGrowth.median).not.toBeNull();
      expect(all.accepted!.trials).toBeGreaterThan(0);
      expect(all.callsPerAccepted).toBeGreaterThan(0);
    }
    const all = view.groups[0];
    expect(all.differs.passed).toBe(all.a.passed!.high < all.b.passed!.low || all.b.passed!.high < all.a.passed!.low);
  }, 180_000);

  it("refuses two sides that would be the same run, and starts nothing", async () => {
    const project = await createProjectWithSeeds({ count: 3, actorId: admin.id });
    const options = comparisonOptions(project.id);
    await expect(
      startComparison({ ...options, b: { method: "paper", methodVersion: 1, weights: allOps }, actorId: admin.id }),
    ).rejects.toThrow(/Both runs would use paper v1 with the same weights/);
    expect(await getPrisma().run.count({ where: { projectId: project.id } })).toBe(0);
    expect(await getPrisma().comparison.count({ where: { projectId: project.id } })).toBe(0);
  });
});

/** Every node a run's steps made with its parent's difficulty and words, and every call with its step key. */
async function recountRun(runId: string) {
  const prisma = getPrisma();
  const nodes = await prisma.node.findMany({
    where: { runId },
    select: {
      runRound: true,
      operation: true,
      verdict: true,
      failedRules: true,
      humanStatus: true,
      difficulty: true,
      instructionWords: true,
      parent: { select: { difficulty: true, instructionWords: true } },
    },
  });
  const steps = await prisma.runStep.findMany({
    where: { runId },
    select: { stepKey: true, round: true, operation: true },
  });
  const groupOf = new Map(
    steps.map((s) => [s.stepKey, { round: `round:${s.round}`, operation: `operation:${s.operation}` }]),
  );
  const calls = await prisma.llmCall.findMany({ where: { runId }, select: { requestKey: true } });
  return {
    nodes: nodes.map((n) => ({
      round: n.runRound,
      operation: n.operation,
      passed: n.verdict === "passed",
      failed: n.failedRules,
      status: n.humanStatus,
      difficulty: n.difficulty,
      parentDifficulty: n.parent!.difficulty,
      words: n.instructionWords!,
      parentWords: n.parent!.instructionWords!,
    })),
    // A call's step is its request key less the role (`<step key>:<role>`); failed attempts have none.
    calls: calls.map((c) => ({
      step: c.requestKey ? (groupOf.get(c.requestKey.slice(0, c.requestKey.lastIndexOf(":"))) ?? null) : null,
    })),
  };
}
