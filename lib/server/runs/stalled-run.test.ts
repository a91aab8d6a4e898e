// No run hangs: a step whose job dies for a reason that is not the LLM's ends
// failed with that reason, the run stalls instead of staying "running" with
// nothing queued, and "Retry failed steps" requeues them so the run completes.
// The reaper settles steps whose job is gone and runs with nothing open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.LLM_CONCURRENCY = "8";
const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { controlRun } = await import("./control-run");
const { retryFailedSteps } = await import("./retry-failed-steps");
const { getStalledSteps } = await import("./get-stalled-steps");
const { reapRuns } = await import("./reap-runs");
const { STEP_QUEUE } = await import("@/lib/server/jobs/step-job");
const { RELEASE_QUEUE } = await import("@/lib/server/jobs/release-job");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let admin: TestUser;
const workers: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, jitter: 0.5, seed: "stalled-run-test" });
  process.env.SIMULATOR_URL = simulator.url;
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  admin = await createTestUser("admin");
});

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await stopBoss();
  await simulator?.close();
});

async function startWorker() {
  const worker = await startStepWorker({ connectionString: url, concurrency: 8 });
  workers.push(worker);
  return worker;
}

const stepsOf = async (runId: string) =>
  Object.fromEntries(
    (await getPrisma().runStep.groupBy({ by: ["status"], where: { runId }, _count: true })).map((r) => [
      r.status,
      r._count,
    ]),
  );

describe("a step whose job fails for a reason that is not the LLM's", () => {
  it("fails with the reason, the run stalls, and retrying the failed steps completes the run", async () => {
    const project = await createProjectWithSeeds({ count: 3, actorId: admin.id });
    // The run talks to an OpenAI-compatible endpoint (the simulator) that the worker below is not given.
    process.env.OPENAI_BASE_URL = simulator.url;
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: 2, endpoint: "openai" }),
      actorId: admin.id,
    });
    delete process.env.OPENAI_BASE_URL;
    const worker = await startWorker();

    const stalled = await waitForRunStatus(run.id, ["stalled", "completed", "failed"], 30_000);
    expect(stalled.status).toBe("stalled");
    expect(await stepsOf(run.id)).toEqual({ failed: 3 });
    const steps = await getPrisma().runStep.findMany({ where: { runId: run.id } });
    for (const step of steps) {
      expect(step.errorKind).toBe("worker");
      expect(step.error).toMatch(/^The worker has no endpoint for this run \(openai\): .*OPENAI_API_KEY/);
      expect(step.attempts).toBe(1); // failed at once: asking again cannot help
    }
    // Nothing moved on: no round-2 step was created for a lineage whose step failed on the worker.
    expect(steps.every((s) => s.round === 1)).toBe(true);
    expect(await getStalledSteps({ runId: run.id, viewer: { role: "admin" } })).toEqual({
      failed: 3,
      reasons: [{ reason: steps[0].error, steps: 3 }],
      release: null,
    });
    expect(await getStalledSteps({ runId: run.id, viewer: { role: "annotator" } })).toMatchObject({
      failed: 3,
      reasons: [{ reason: expect.not.stringContaining("OPENAI"), steps: 3 }],
    });

    // Once the worker is given the endpoint, the retry requeues the steps and the run goes on to the end.
    process.env.OPENAI_BASE_URL = simulator.url;
    expect(await retryFailedSteps({ runId: run.id, actorId: admin.id })).toEqual({ steps: 3, release: false });
    const done = await waitForRunStatus(run.id, ["completed", "stalled", "failed"], 60_000);
    expect(done.status).toBe("completed");
    const counts = await stepsOf(run.id);
    expect(counts.failed ?? 0).toBe(0);
    expect(await getStalledSteps({ runId: run.id, viewer: { role: "admin" } })).toBeNull();
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "run.retry_failed_steps", targetId: run.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, data: { steps: 3, release: false } });
    await expect(retryFailedSteps({ runId: run.id, actorId: admin.id })).rejects.toThrow(/completed run/);
    delete process.env.OPENAI_BASE_URL;
    await worker.stop();
    workers.splice(workers.indexOf(worker), 1);
  }, 120_000);
});

describe("the reaper", () => {
  it("fails a step left running or pending whose job is gone, stalls its run, and leaves live and paused work alone", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: 3, actorId: admin.id });
    // No worker runs: every step has a queued job.
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 1 }), actorId: admin.id });
    const paused = await startRun({ ...simulatorRunOptions(project.id, { rounds: 1 }), actorId: admin.id });
    await controlRun({ runId: paused.id, command: "pause", actorId: admin.id });
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${STEP_QUEUE}
      AND singleton_key IN (SELECT id::text FROM run_steps WHERE run_id = ${paused.id}::uuid)`;
    const [a, b, c] = await prisma.runStep.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    // a: a worker died holding it and pg-boss gave up on its job; b: its job was deleted; c: its job is still queued.
    await prisma.runStep.update({ where: { id: a.id }, data: { status: "running", attempts: 1 } });
    await prisma.$executeRaw`UPDATE pgboss.job SET state = 'failed', output = '{"message":"job heartbeat timeout"}'
      WHERE name = ${STEP_QUEUE} AND singleton_key = ${a.id}`;
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${STEP_QUEUE} AND singleton_key = ${b.id}`;

    const reaped = await reapRuns();
    expect(reaped.steps.sort()).toEqual([a.id, b.id].sort());
    const after = await prisma.runStep.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(after.map((s) => [s.status, s.errorKind])).toEqual([
      ["failed", "worker"],
      ["failed", "worker"],
      ["pending", null],
    ]);
    expect(after[0].error).toBe("The step's job failed and has no retries left: job heartbeat timeout");
    expect(after[1].error).toMatch(/^The step has no job/);
    expect(c.status).toBe("pending");
    // c is still open, so the run is still running; the paused run keeps its steps for its resume.
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("running");
    expect(await stepsOf(paused.id)).toEqual({ pending: 3 });
    expect((await reapRuns()).steps).toEqual([]);

    // A worker takes c; then the run has nothing open but two failed steps: stalled, not running or completed.
    await startWorker();
    const stalled = await waitForRunStatus(run.id, ["stalled", "completed"], 30_000);
    expect(stalled.status).toBe("stalled");
    expect(await getStalledSteps({ runId: run.id, viewer: { role: "admin" } })).toMatchObject({ failed: 2 });
    await retryFailedSteps({ runId: run.id, actorId: admin.id });
    expect((await waitForRunStatus(run.id, ["completed", "stalled"], 30_000)).status).toBe("completed");
    expect(await stepsOf(run.id)).toEqual({ done: 3 });
  }, 120_000);

  it("settles a run left running with nothing open", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: 2, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 1 }), actorId: admin.id });
    await waitForRunStatus(run.id, ["completed"], 30_000);
    // As if the last step's transaction had committed but its run was never settled.
    await prisma.run.update({ where: { id: run.id }, data: { status: "running", finishedAt: null } });
    expect((await reapRuns()).runs).toContain(run.id);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("completed");
  });

  it("queues a round release whose job is gone again, stalls the run when it gave up, and Retry releases the round", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: 2, actorId: admin.id });
    const run = await startRun({ ...simulatorRunOptions(project.id, { mode: "gated", rounds: 2 }), actorId: admin.id });
    await startWorker();
    await waitForRunStatus(run.id, ["waiting_review"], 30_000);
    // No worker takes the release job, so what happens to it is up to the test.
    for (const worker of workers.splice(0)) await worker.stop();
    await controlRun({ runId: run.id, command: "release", actorId: admin.id });
    const releaseJobs = () =>
      prisma.$queryRaw<{ state: string }[]>`
        SELECT state::text FROM pgboss.job WHERE name = ${RELEASE_QUEUE} AND data->>'runId' = ${run.id}`;
    expect(await releaseJobs()).toEqual([{ state: "created" }]);
    expect((await reapRuns()).releases).toEqual({ requeued: [], stalled: [] });

    // Its job vanished: queued again, once.
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${RELEASE_QUEUE} AND data->>'runId' = ${run.id}`;
    expect((await reapRuns()).releases).toEqual({ requeued: [run.id], stalled: [] });
    expect(await releaseJobs()).toEqual([{ state: "created" }]);

    // Its job used up its retries: the run stalls with the reason instead of staying "running" for ever.
    await prisma.$executeRaw`UPDATE pgboss.job SET state = 'failed', output = '{"message":"deadlock detected"}'
      WHERE name = ${RELEASE_QUEUE} AND data->>'runId' = ${run.id}`;
    expect((await reapRuns()).releases).toEqual({ requeued: [], stalled: [run.id] });
    expect((await reapRuns()).releases).toEqual({ requeued: [], stalled: [] });
    expect(await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: "stalled",
      releasingRound: 2,
    });
    expect(await getStalledSteps({ runId: run.id, viewer: { role: "admin" } })).toEqual({
      failed: 0,
      reasons: [],
      release: {
        round: 2,
        reason: "Creating the steps of round 2 failed and has no retries left: deadlock detected",
      },
    });
    expect((await getStalledSteps({ runId: run.id, viewer: { role: "annotator" } }))?.release?.reason).not.toMatch(
      /deadlock/,
    );

    // Retry queues the release again; it creates round 2 and the run completes.
    expect(await retryFailedSteps({ runId: run.id, actorId: admin.id })).toEqual({ steps: 0, release: true });
    await startWorker();
    expect((await waitForRunStatus(run.id, ["completed", "stalled"], 30_000)).status).toBe("completed");
    const round2 = await prisma.runStep.count({ where: { runId: run.id, round: 2 } });
    expect(round2).toBeGreaterThan(0);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).error).toBeNull();
  }, 120_000);
});
