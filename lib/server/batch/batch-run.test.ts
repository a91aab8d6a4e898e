// Batch-mode runs end to end: started by the service, driven by a real
// pg-boss worker (the run's batch job and its step jobs), the simulator's
// Batch API over HTTP through the openai client, a real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("@/lib/server/runs/start-run");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { getRunBatches } = await import("./get-run-batches");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;

// Content faults only: some rewrites are eliminated, so verdicts differ between steps.
const FAULTS = { refusal: 0.1, equal_verdict: 0.1, empty_reply: 0.05 };

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 2, seed: "batch-run-test", faults: FAULTS, batchDelayMs: 100 });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  worker = await startStepWorker({ connectionString: url, concurrency: 16, log: (m) => console.log(m) });
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
    await waitForRunStatus(run.id, ["completed"], 90_000).catch(async (e) => {
      console.log(
        JSON.stringify(
          await getPrisma()
            .$queryRaw`SELECT state, start_after, created_on, completed_on, output, retry_count FROM pgboss.job WHERE name = 'run-batches' ORDER BY created_on DESC LIMIT 10`,
          null,
          1,
        ),
      );
      console.log(JSON.stringify(await getRunBatches({ runId: run.id }), null, 1));
      throw e;
    });
    const batched = await treeOf(run.id);
    expect(batched).toEqual(normal);

    const stats = simulator.stats();
    expect(stats.requests, "live chat calls").toBe(0);
    expect(Object.values(stats.batchLinesByCustomId).every((n) => n === 1)).toBe(true);
    const calls = await getPrisma().llmCall.findMany({ where: { runId: run.id } });
    expect(calls.every((c) => c.outcome === "ok" && c.nodeId)).toBe(true);
    expect(Object.keys(stats.batchLinesByCustomId).sort()).toEqual(calls.map((c) => c.requestKey).sort());
    const batches = await getRunBatches({ runId: run.id });
    // At least an evolve batch and an answer/judge phase per round.
    expect(new Set(batches.map((b) => b.round))).toEqual(new Set([1, 2, 3, 4]));
    expect(batches.every((b) => b.state === "collected" && b.providerStatus === "completed")).toBe(true);
    expect(batches.reduce((sum, b) => sum + b.requests.done, 0)).toBe(calls.length);
  }, 180_000);
});
