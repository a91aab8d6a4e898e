// The engine end to end: runs started by the service, steps executed by a real
// pg-boss worker, LLM calls through the openai client to the simulator over
// HTTP, everything stored in a real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForNoLiveWork, waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.LLM_CONCURRENCY = "16";
process.env.LLM_TIMEOUT_MS = "2000";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { controlRun } = await import("./control-run");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { getNodeDetail } = await import("@/lib/server/review/get-node-detail");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, jitter: 0.5, seed: "engine-test", timeoutHangMs: 5_000 });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 24 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

async function stepCounts(runId: string): Promise<Record<string, number>> {
  const rows = await getPrisma().runStep.groupBy({ by: ["status"], where: { runId }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

const passing = (steps: { passed: boolean | null }[]) => steps.filter((s) => s.passed).length;

async function lineageChecks(runId: string) {
  const prisma = getPrisma();
  const steps = await prisma.runStep.findMany({
    where: { runId },
    orderBy: [{ round: "asc" }],
    include: { child: true, parent: { select: { round: true } } },
  });
  // Walk each lineage round by round: a step evolves its lineage's frontier;
  // a passing child becomes the frontier, a failure leaves the parent there.
  const frontier = new Map<string, string>();
  for (const step of steps) {
    const expectedParent = frontier.get(step.rootId) ?? step.rootId;
    expect(step.parentId, `round ${step.round} of lineage ${step.rootId}`).toBe(expectedParent);
    if (step.child) {
      expect(step.child.parentId).toBe(step.parentId);
      expect(step.child.rootId).toBe(step.rootId);
      expect(step.child.round).toBe(step.parent.round + 1);
      expect(step.child.runId).toBe(runId);
      expect(step.child.operation).toBe(step.operation);
      expect(step.child.stepKey).toBe(step.stepKey);
      expect(step.passed).toBe(step.child.verdict === "passed");
    }
    if (step.status === "done" && step.passed) frontier.set(step.rootId, step.childId!);
  }
  return steps;
}

describe("evolution runs", () => {
  it("grows 20 seeds over 4 rounds into 20 lineages of 4 evolutions, each call stored once", async () => {
    simulator.setOptions({ faults: {} });
    const project = await createProjectWithSeeds({ count: 20, actorId: admin.id, withInput: true });
    const run = await startRun({ ...simulatorRunOptions(project.id), actorId: admin.id });
    expect(run).toMatchObject({ seeds: 20, steps: 20 });
    const finished = await waitForRunStatus(run.id, ["completed"]);
    expect(finished.finishedAt).toBeInstanceOf(Date);

    const steps = await lineageChecks(run.id);
    expect(steps).toHaveLength(80);
    expect(steps.every((s) => s.status === "done" && s.passed)).toBe(true);
    const nodes = await getPrisma().node.findMany({ where: { runId: run.id } });
    expect(nodes).toHaveLength(80);
    // A clean simulator makes every rewrite pass: each lineage is a chain 1→2→3→4.
    const byRound = nodes.reduce<Record<number, number>>(
      (acc, n) => ({ ...acc, [n.round]: (acc[n.round] ?? 0) + 1 }),
      {},
    );
    expect(byRound).toEqual({ 1: 20, 2: 20, 3: 20, 4: 20 });
    for (const node of nodes) {
      expect(node.templateVersion).toBe("evol-v1");
      expect(node.rawReply).toBeTruthy();
      expect(node.output).toBeTruthy();
      expect(node.evolveModel).toBe("sim-evolver");
      const eliminator = node.eliminator as {
        verdicts: { rule: string; failed: boolean; reason: string }[];
        judgeReply: string;
      };
      expect(eliminator.verdicts.map((v) => v.rule).sort()).toEqual([
        "copied_prompt",
        "duplicate",
        "empty_answer",
        "no_information_gain",
        "refusal",
      ]);
      expect(eliminator.judgeReply).toMatch(/Not Equal/);
    }
    const calls = await getPrisma().llmCall.findMany({ where: { runId: run.id } });
    expect(calls).toHaveLength(240);
    expect(calls.every((c) => c.outcome === "ok" && c.requestKey)).toBe(true);
    expect(calls.filter((c) => c.role === "evolve")).toHaveLength(80);
    // Each node's view shows exactly its own step's three calls, found by the node's step key.
    for (const node of nodes.slice(0, 12)) {
      const detail = await getNodeDetail({
        projectId: project.id,
        nodeId: node.id,
        viewer: { id: admin.id, role: "admin" },
      });
      const own = calls.filter((c) => c.requestKey!.startsWith(`${node.stepKey}:`));
      expect(own.map((c) => c.role).sort()).toEqual(["answer", "evolve", "judge"]);
      expect(detail!.calls.map((c) => [c.role, c.latencyMs]).sort()).toEqual(
        own.map((c) => [c.role, c.latencyMs]).sort(),
      );
    }
    const arrivals = simulator.stats().arrivalsByRequestKey;
    for (const call of calls) expect(arrivals[call.requestKey!], call.requestKey!).toHaveLength(1);
  });

  it.each([true, false])(
    "with three siblings per parent ending together, each parent's slots open exactly one next round (duplicate rule %s)",
    async (duplicate) => {
      // Siblings finish within milliseconds of each other; some fail (copies, Equal verdicts) so the pool rule
      // keeps some parents, passes on several children of others. The last sibling of each parent, and only
      // its transaction, must see all slots ended (the siblings' lock) and create the next round's steps.
      simulator.setOptions({ faults: { copied_instruction: 0.25, equal_verdict: 0.2 } });
      const project = await createProjectWithSeeds({ count: 6, actorId: admin.id });
      const run = await startRun({
        ...simulatorRunOptions(project.id, { rounds: 3, branching: 3 }),
        rules: { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true, duplicate },
        actorId: admin.id,
      });
      await waitForRunStatus(run.id, ["completed"], 120_000);
      simulator.setOptions({ faults: {} });

      const steps = await getPrisma().runStep.findMany({ where: { runId: run.id } });
      const groups = new Map<string, typeof steps>();
      for (const step of steps) {
        const key = `${step.parentId}@${step.round}`;
        groups.set(key, [...(groups.get(key) ?? []), step]);
      }
      const opened = new Set(groups.keys());
      const expected = new Set(steps.filter((s) => s.round === 1).map((s) => `${s.parentId}@1`));
      for (const [key, group] of groups) {
        expect(group.map((s) => s.slot).sort(), key).toEqual([0, 1, 2]);
        expect(group.every((s) => s.status === "done")).toBe(true);
        const round = group[0].round;
        if (round === 3) continue;
        const passed = group.filter((s) => s.passed).map((s) => s.childId!);
        for (const next of passed.length > 0 ? passed : [group[0].parentId]) expected.add(`${next}@${round + 1}`);
      }
      expect(passing(steps)).toBeGreaterThan(0);
      expect(steps.some((s) => !s.passed)).toBe(true);
      expect([...opened].sort()).toEqual([...expected].sort());
    },
  );

  it("finishes under injected faults, recording every failure with its reason, and keeps the pool rule", async () => {
    simulator.setOptions({
      faults: {
        rate_limit: 0.08,
        server_error: 0.05,
        timeout: 0.02,
        empty_reply: 0.05,
        garbage_reply: 0.04,
        refusal: 0.1,
        leaked_label: 0.1,
        equal_verdict: 0.15,
      },
      retryAfterSeconds: 0,
      timeoutHangMs: 3_000,
    });
    const project = await createProjectWithSeeds({ count: 20, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id), actorId: admin.id });
    await waitForRunStatus(run.id, ["completed"], 120_000);
    simulator.setOptions({ faults: {} });

    const steps = await lineageChecks(run.id);
    expect(steps).toHaveLength(80);
    const failedNodes = await getPrisma().node.findMany({ where: { runId: run.id, verdict: "failed" } });
    const rules = new Set(failedNodes.flatMap((n) => n.failedRules));
    for (const rule of ["no_information_gain", "refusal", "copied_prompt"])
      expect(rules, `some node failed ${rule}`).toContain(rule);
    for (const node of failedNodes) {
      const eliminator = node.eliminator as {
        verdicts: { failed: boolean; reason: string }[];
        parseError: string | null;
      };
      const reasons = [
        ...eliminator.verdicts.filter((v) => v.failed).map((v) => v.reason),
        eliminator.parseError,
      ].filter(Boolean);
      expect(reasons.length, `node ${node.id} says why it failed`).toBeGreaterThan(0);
    }
    const errors = await getPrisma().llmCall.findMany({ where: { runId: run.id, outcome: "error" } });
    const kinds = new Set(errors.map((e) => e.errorKind));
    expect(kinds).toContain("rate_limit");
    expect(kinds).toContain("server_error");
    expect(errors.every((e) => e.errorMessage && e.latencyMs >= 0)).toBe(true);
    // After a failure the parent is evolved again, so some step's parent had an earlier failed step.
    const retriedParents = steps.filter((s) => steps.some((o) => o.parentId === s.parentId && o.round < s.round));
    expect(retriedParents.length).toBeGreaterThan(0);
  });

  it("waits after each round in gated mode, and never evolves a node an annotator rejected", async () => {
    const project = await createProjectWithSeeds({ count: 4, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { mode: "gated", rounds: 2 }), actorId: admin.id });
    await waitForRunStatus(run.id, ["waiting_review"]);
    const round1 = await getPrisma().runStep.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(round1).toHaveLength(4);
    expect(await getPrisma().runStep.count({ where: { runId: run.id, round: 2 } })).toBe(0);
    const rejected = round1[0].childId!;
    await getPrisma().node.update({ where: { id: rejected }, data: { humanStatus: "rejected" } });

    await controlRun({ runId: run.id, command: "release", actorId: admin.id });
    await waitForRunStatus(run.id, ["completed"]);
    const round2 = await getPrisma().runStep.findMany({ where: { runId: run.id, round: 2 } });
    expect(round2).toHaveLength(4);
    expect(round2.map((s) => s.parentId)).not.toContain(rejected);
    // The rejected child's lineage goes on from its parent instead.
    expect(round2.map((s) => s.parentId)).toContain(round1[0].parentId);
  });

  it("pauses, resumes and cancels", async () => {
    simulator.setOptions({ latencyMs: 40 });
    const project = await createProjectWithSeeds({ count: 30, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 3 }), actorId: admin.id });
    await controlRun({ runId: run.id, command: "pause", actorId: admin.id });
    // Steps already with the LLM finish; the queued jobs of the others find the run paused and end without work.
    await waitForNoLiveWork(run.id);
    const paused = await stepCounts(run.id);
    expect(paused.done ?? 0).toBeLessThan(90);
    // Work is left, and nothing will take it: no step runs and none has a job a worker could pick up.
    expect(paused.pending ?? 0).toBeGreaterThan(0);
    expect(paused.running ?? 0).toBe(0);

    await controlRun({ runId: run.id, command: "resume", actorId: admin.id });
    await waitForRunStatus(run.id, ["completed"]);
    expect(await getPrisma().runStep.count({ where: { runId: run.id, status: "done" } })).toBe(90);

    const other = await startRun({ ...simulatorRunOptions(project.id, { rounds: 4 }), actorId: admin.id });
    await controlRun({ runId: other.id, command: "cancel", actorId: admin.id });
    await waitForRunStatus(other.id, ["cancelled"]);
    await waitForNoLiveWork(other.id);
    expect(
      await getPrisma().runStep.count({ where: { runId: other.id, status: { in: ["pending", "running"] } } }),
    ).toBe(0);
    expect(await getPrisma().runStep.count({ where: { runId: other.id, round: { gt: 1 } } })).toBe(0);
    await expect(controlRun({ runId: other.id, command: "resume", actorId: admin.id })).rejects.toThrow(
      /cancelled run cannot be resumed/,
    );
    simulator.setOptions({ latencyMs: 5 });
  });
});
