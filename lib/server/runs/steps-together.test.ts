// Steps started together loaded by one statement, and steps that finish
// together stored in one transaction (decision 0053): the outcomes are given
// here (no LLM), the runs, steps, locks and queue are the real ones on a real
// Postgres, and each step must end exactly as storing it alone would have.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RuleId, RuleVerdict } from "@/lib/evolution/eliminator";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";
import type { CompleteStepOptions } from "./complete-step";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { directSql } = await import("@/lib/server/db/direct-sql");
const { startRun } = await import("./start-run");
const { completeStep } = await import("./complete-step");
const { completeStepsTogether } = await import("./complete-steps-together");
const { StepStoreQueue } = await import("./step-store-queue");
const { loadStep } = await import("./load-step");
const { getDatabasePool } = await import("@/lib/server/db/prisma");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { STEP_QUEUE } = await import("@/lib/server/jobs/step-job");

let simulator: Simulator;
let admin: TestUser;

beforeAll(async () => {
  // Runs are started against the simulator's endpoint; no worker runs here, so their steps wait for this test.
  simulator = await createSimulator({ latencyMs: 5, seed: "store-together" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
});

afterAll(async () => {
  await stopBoss();
  await simulator?.close();
});

async function pendingRun(options: { seeds: number; rounds: number; branching: number; duplicate: boolean }) {
  const project = await createProjectWithSeeds({ count: options.seeds, actorId: admin.id });
  const base = simulatorRunOptions(project.id);
  const started = await startRun({
    ...base,
    actorId: admin.id,
    rounds: options.rounds,
    branching: options.branching,
    rules: { ...base.rules, duplicate: options.duplicate },
  });
  const prisma = getPrisma();
  const run = await prisma.run.findUniqueOrThrow({ where: { id: started.id } });
  const steps = await prisma.runStep.findMany({
    where: { runId: run.id, round: 1 },
    include: { parent: { select: { instruction: true, round: true } } },
    orderBy: [{ parentId: "asc" }, { slot: "asc" }],
  });
  /** What the worker would store for `step` had the LLM rewritten its parent as `text`. */
  const finished = (step: (typeof steps)[number], text: string, fails?: RuleId): CompleteStepOptions => ({
    step: {
      id: step.id,
      runId: run.id,
      parentId: step.parentId,
      rootId: step.rootId,
      round: step.round,
      slot: step.slot,
      stepKey: step.stepKey,
      operation: step.operation,
    },
    projectId: project.id,
    parentRound: step.parent.round,
    outcome: {
      instruction: text,
      input: "",
      answer: `An answer to: ${text}`,
      rawReply: text,
      passed: fails === undefined,
      failedRules: fails === undefined ? [] : [fails],
      eliminator: {
        // As the eliminator leaves them: the duplicate rule's verdict is replaced where the node is stored.
        verdicts: [
          ...(fails === undefined ? [] : [{ rule: fails, enabled: true, failed: true, reason: "given" }]),
          { rule: "duplicate", enabled: options.duplicate, failed: false, reason: "checked when the node is stored" },
        ],
        judgeReply: null,
        parseError: null,
      },
      difficulty: null,
      tokens: 42,
    },
    models: { evolve: "sim-evolver", answer: "sim-answerer" },
    templateVersion: run.templateVersion ?? "v1",
    methodVersionId: run.methodVersionId,
    duplicateRule: options.duplicate ? { threshold: 0.9 } : null,
    advances: step.round < options.rounds,
  });
  return { project, run, steps, finished };
}

const duplicateVerdict = (node: { eliminator: unknown }) =>
  (node.eliminator as { verdicts: RuleVerdict[] }).verdicts.find((v) => v.rule === "duplicate");

async function queuedStepIds(stepIds: string[]): Promise<string[]> {
  const rows = await directSql().$queryRaw<{ key: string }[]>`
    SELECT singleton_key AS key FROM pgboss.job WHERE name = ${STEP_QUEUE} AND singleton_key = ANY(${stepIds}::text[])`;
  return rows.map((r) => r.key).sort();
}

describe("steps loaded together", () => {
  it("are each started and read with their run and parent, by one statement", async () => {
    const { run, steps } = await pendingRun({ seeds: 3, rounds: 1, branching: 1, duplicate: false });
    const { pool } = getDatabasePool();
    let checkouts = 0;
    const count = () => checkouts++;
    pool.on("acquire", count);
    const missing = "01a23bf0-0000-7000-8000-000000000000";
    const loaded = await Promise.all([...steps.map((s) => loadStep(s.id)), loadStep(missing)]);
    pool.off("acquire", count);
    expect(checkouts).toBe(1);
    expect(loaded.at(-1)).toBeNull();
    for (const [i, step] of steps.entries()) {
      const one = loaded[i]!;
      expect(one.step).toMatchObject({ id: step.id, parentId: step.parentId, stepKey: step.stepKey });
      expect(one.parent).toMatchObject({ instruction: step.parent.instruction, round: 0 });
      expect(one.run).toMatchObject({ status: "running", projectId: run.projectId, capped: false });
      expect(one.started?.attempts).toBe(1);
    }
    const after = await getPrisma().runStep.findMany({ where: { runId: run.id } });
    expect(after.map((s) => [s.status, s.attempts])).toEqual(steps.map(() => ["running", 1]));
  });
});

describe("steps stored together", () => {
  it("store each node, its diversity row and its step, and move every lineage on as one step at a time would", async () => {
    const { run, steps, finished } = await pendingRun({ seeds: 6, rounds: 2, branching: 1, duplicate: false });
    const texts = steps.map((_, i) => `Rewrite number ${i} of a seed, with a constraint of its own (${i * 7}).`);
    // The third fails a rule: its lineage's next step evolves its parent again.
    await completeStepsTogether(steps.map((step, i) => finished(step, texts[i], i === 2 ? "refusal" : undefined)));

    const prisma = getPrisma();
    const after = await prisma.runStep.findMany({
      where: { runId: run.id },
      include: { child: { include: { diversity: true } } },
      orderBy: [{ round: "asc" }, { parentId: "asc" }],
    });
    const first = after.filter((s) => s.round === 1);
    for (const [i, step] of first.entries()) {
      const child = step.child!;
      expect(step.status).toBe("done");
      expect(child.instruction).toBe(texts[i]);
      expect(child.stepKey).toBe(step.stepKey);
      expect(child.parentId).toBe(step.parentId);
      expect(child.round).toBe(1);
      expect(child.runId).toBe(run.id);
      expect(child.metadata).toEqual({ tokens: 42 });
      expect(child.verdict).toBe(i === 2 ? "failed" : "passed");
      expect(child.failedRules).toEqual(i === 2 ? ["refusal"] : []);
      expect(step.passed).toBe(i !== 2);
      expect(child.diversity?.nodeId).toBe(child.id);
    }
    const second = after.filter((s) => s.round === 2);
    expect(second).toHaveLength(6);
    const parentOfNext = new Map(second.map((s) => [s.rootId, s.parentId]));
    for (const [i, step] of first.entries())
      expect(parentOfNext.get(step.rootId)).toBe(i === 2 ? step.parentId : step.childId);
    expect(await queuedStepIds(second.map((s) => s.id))).toEqual(second.map((s) => s.id).sort());
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).currentRound).toBe(2);
  });

  it("judge the duplicate rule against the project, the parents and siblings stored before them", async () => {
    const { project, run, steps, finished } = await pendingRun({ seeds: 4, rounds: 1, branching: 1, duplicate: true });
    const prisma = getPrisma();
    const seeds = await prisma.node.findMany({ where: { projectId: project.id, parentId: null } });
    const other = seeds.find((s) => s.id !== steps[1].parentId)!;
    await completeStepsTogether([
      finished(steps[0], `  ${steps[0].parent.instruction.toUpperCase()} `),
      finished(steps[1], other.instruction),
      finished(steps[2], "A rewrite nobody has written before, about tides and the moon."),
      finished(steps[3], "Another new rewrite: compare three sorting algorithms on nearly sorted data."),
    ]);
    const nodes = await prisma.node.findMany({ where: { runId: run.id } });
    const byStep = new Map(nodes.map((n) => [n.stepKey, n]));
    const [copyOfParent, copyOfOther, fresh, fresher] = steps.map((s) => byStep.get(s.stepKey)!);
    expect(duplicateVerdict(copyOfParent)?.reason).toBe(
      `identical to its parent (node ${steps[0].parentId}) after normalisation`,
    );
    expect(copyOfParent.verdict).toBe("failed");
    expect(duplicateVerdict(copyOfOther)?.reason).toBe(`identical to node ${other.id} after normalisation`);
    for (const node of [fresh, fresher]) {
      expect(duplicateVerdict(node)?.failed).toBe(false);
      expect(node.verdict).toBe("passed");
    }
    // The last steps of the run are stored: it is settled after the commit.
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("completed");
  });

  it("refuse two steps of one parent, or two with the same text, in one transaction", async () => {
    const { steps, finished } = await pendingRun({ seeds: 2, rounds: 1, branching: 2, duplicate: true });
    await expect(completeStepsTogether([finished(steps[0], "one text"), finished(steps[1], "two")])).rejects.toThrow(
      "two steps of one batch have the same parent",
    );
    await expect(
      completeStepsTogether([finished(steps[0], "the same text"), finished(steps[2], "The  same TEXT")]),
    ).rejects.toThrow("two steps of one batch have the same text");
    expect(await getPrisma().node.count({ where: { runId: steps[0].runId } })).toBe(0);
  });

  it("leave a step stored by an earlier attempt as it is", async () => {
    const { run, steps, finished } = await pendingRun({ seeds: 3, rounds: 1, branching: 1, duplicate: false });
    await completeStep(finished(steps[0], "The first attempt's rewrite."));
    const before = await getPrisma().runStep.findUniqueOrThrow({ where: { id: steps[0].id } });
    await completeStepsTogether([
      finished(steps[0], "A second attempt's rewrite, never stored."),
      finished(steps[1], "A rewrite of the second seed."),
      finished(steps[2], "A rewrite of the third seed."),
    ]);
    const nodes = await getPrisma().node.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(nodes.map((n) => n.instruction).sort()).toEqual(
      ["A rewrite of the second seed.", "A rewrite of the third seed.", "The first attempt's rewrite."].sort(),
    );
    const after = await getPrisma().runStep.findUniqueOrThrow({ where: { id: steps[0].id } });
    expect(after.childId).toBe(before.childId);
    expect((await getPrisma().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("completed");
  });
});

describe("batches stored at the same time", () => {
  it("wait for one another's locks without a deadlock, whatever order their steps came in", async () => {
    // Two batches over the same 16 families (a parent's two slots), the second in the reverse order, with the
    // duplicate rule on: each takes every siblings' lock, then every hash lock, each kind in key order.
    const { run, steps, finished } = await pendingRun({ seeds: 16, rounds: 1, branching: 2, duplicate: true });
    const parents = [...new Set(steps.map((s) => s.parentId))];
    const slot = (n: number) => parents.map((p) => steps.find((s) => s.parentId === p && s.slot === n)!);
    const textOf = (step: (typeof steps)[number]) => `Rewrite of ${step.parent.instruction} with one more condition.`;
    for (let attempt = 0; attempt < 3; attempt++) {
      await directSql().$executeRaw`DELETE FROM nodes WHERE run_id = ${run.id}::uuid`;
      await directSql()
        .$executeRaw`UPDATE run_steps SET status = 'pending', child_id = NULL WHERE run_id = ${run.id}::uuid`;
      await Promise.all([
        completeStepsTogether(slot(0).map((s) => finished(s, textOf(s)))),
        completeStepsTogether(
          slot(1)
            .reverse()
            .map((s) => finished(s, textOf(s))),
        ),
      ]);
      // Each family's two identical rewrites: whichever was stored second is its sibling's duplicate.
      const nodes = await getPrisma().node.findMany({ where: { runId: run.id } });
      expect(nodes).toHaveLength(32);
      const failed = nodes.filter((n) => duplicateVerdict(n)?.failed);
      expect(failed).toHaveLength(16);
      expect(new Set(failed.map((n) => n.parentId)).size).toBe(16);
      for (const node of failed) expect(duplicateVerdict(node)?.reason).toMatch(/^identical to its sibling node /);
    }
  });
});

describe("the store queue", () => {
  it("stores siblings and equal texts in separate transactions, each judged against the one before", async () => {
    const { run, steps, finished } = await pendingRun({ seeds: 2, rounds: 1, branching: 2, duplicate: true });
    const queue = new StepStoreQueue(30);
    // Steps 0 and 1 share a parent, as do 2 and 3. All four finish at once.
    const same = "Describe how a lighthouse keeper's day changes across the seasons.";
    await Promise.all([
      queue.store(finished(steps[0], same)),
      queue.store(finished(steps[1], same)),
      queue.store(finished(steps[2], "A different rewrite about glaciers.")),
      queue.store(finished(steps[3], same)),
    ]);
    const nodes = await getPrisma().node.findMany({ where: { runId: run.id } });
    const byStep = new Map(nodes.map((n) => [n.stepKey, n]));
    const [first, sibling, other, elsewhere] = steps.map((s) => byStep.get(s.stepKey)!);
    expect(duplicateVerdict(first)?.failed).toBe(false);
    expect(duplicateVerdict(sibling)?.reason).toBe(`identical to its sibling node ${first.id} after normalisation`);
    expect(duplicateVerdict(other)?.failed).toBe(false);
    expect(duplicateVerdict(elsewhere)?.failed).toBe(true);
    expect(duplicateVerdict(elsewhere)?.reason).toMatch(/^identical to node [0-9a-f-]{36} after normalisation$/);
  });

  it("stores the rest of a batch when the database refuses one of its steps, and fails that one alone", async () => {
    const { run, steps, finished } = await pendingRun({ seeds: 3, rounds: 1, branching: 1, duplicate: false });
    const queue = new StepStoreQueue(30);
    const results = await Promise.allSettled([
      queue.store(finished(steps[0], "A fine rewrite.")),
      queue.store(finished(steps[1], "A rewrite with a NUL \u0000 byte, which Postgres text cannot hold.")),
      queue.store(finished(steps[2], "Another fine rewrite.")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const nodes = await getPrisma().node.findMany({ where: { runId: run.id } });
    expect(nodes.map((n) => n.instruction).sort()).toEqual(["A fine rewrite.", "Another fine rewrite."]);
    const refused = await getPrisma().runStep.findUniqueOrThrow({ where: { id: steps[1].id } });
    expect(refused.status).not.toBe("done");
  });
});
