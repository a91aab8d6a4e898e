// Rounds created in batches: the first round of a large run and a released
// gated round are created by a job, batch by batch, each batch with its jobs
// and the cursor in one transaction. A job that stops between batches is
// simply run again; nothing is created or queued twice.
import { afterAll, describe, expect, it } from "vitest";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { controlRun } = await import("./control-run");
const { releaseRoundJob, RELEASE_BATCH_PARENTS } = await import("./release-round");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { STEP_QUEUE } = await import("@/lib/server/jobs/step-job");
const { RELEASE_QUEUE } = await import("@/lib/server/jobs/release-job");

afterAll(() => stopBoss());

const SEEDS = 6_500;

async function projectWithSeeds(count: number) {
  const prisma = getPrisma();
  const project = await prisma.project.create({ data: { name: `release ${Date.now()}` } });
  await prisma.$executeRaw`
    WITH ids AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, ${count}) g)
    INSERT INTO nodes (id, project_id, root_id, round, instruction, content_hash)
    SELECT id, ${project.id}::uuid, id, 0, 'Explain topic ' || g, md5(g::text) FROM ids`;
  return project;
}

/** Steps of a round, and how many step jobs exist for them (any state): each step must have exactly one. */
async function roundState(runId: string, round: number) {
  const [row] = await getPrisma().$queryRaw<{ steps: bigint; parents: bigint; jobs: bigint; doubled: bigint }[]>`
    WITH s AS MATERIALIZED (SELECT id::text AS key, parent_id FROM run_steps WHERE run_id = ${runId}::uuid AND round = ${round}),
    j AS MATERIALIZED (SELECT singleton_key, count(*) AS n FROM pgboss.job
                       WHERE name = ${STEP_QUEUE} AND singleton_key IN (SELECT key FROM s) GROUP BY 1)
    SELECT (SELECT count(*) FROM s) AS steps, (SELECT count(DISTINCT parent_id) FROM s) AS parents,
           (SELECT coalesce(sum(n), 0) FROM j) AS jobs, (SELECT count(*) FROM j WHERE n > 1) AS doubled`;
  return {
    steps: Number(row.steps),
    parents: Number(row.parents),
    jobs: Number(row.jobs),
    doubled: Number(row.doubled),
  };
}

async function releaseJobs(runId: string) {
  return getPrisma().$queryRaw<{ state: string }[]>`
    SELECT state::text FROM pgboss.job WHERE name = ${RELEASE_QUEUE} AND data->>'runId' = ${runId}`;
}

describe("rounds released in batches", () => {
  it("starts a large run with its first batches and lets a job create the rest, resumably, each step once with one job; then releases a gated round the same way", async () => {
    const prisma = getPrisma();
    const admin = await createTestUser("admin");
    const project = await projectWithSeeds(SEEDS);
    const run = await startRun({ ...simulatorRunOptions(project.id, { mode: "gated", rounds: 2 }), actorId: admin.id });
    expect(run).toMatchObject({ seeds: SEEDS, steps: SEEDS });
    // The start created five batches itself and queued a job for the rest.
    expect(await roundState(run.id, 1)).toEqual({ steps: 5_000, parents: 5_000, jobs: 5_000, doubled: 0 });
    expect(await releaseJobs(run.id)).toEqual([{ state: "created" }]);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).releasingRound).toBe(1);

    // A job that stops after one batch (as a killed worker would) leaves a cursor; its rerun goes on from there.
    await releaseRoundJob({ runId: run.id, maxBatches: 1 });
    expect(await roundState(run.id, 1)).toMatchObject({ steps: 5_000 + RELEASE_BATCH_PARENTS, doubled: 0 });
    await releaseRoundJob({ runId: run.id });
    await releaseRoundJob({ runId: run.id });
    expect(await roundState(run.id, 1)).toEqual({ steps: SEEDS, parents: SEEDS, jobs: SEEDS, doubled: 0 });
    const started = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect({ releasingRound: started.releasingRound, cursor: started.releaseCursor }).toEqual({
      releasingRound: null,
      cursor: null,
    });

    // Round 1 ends (written directly): every 10th step eliminated, one passing child rejected by an annotator.
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = ${STEP_QUEUE}`;
    await prisma.$executeRaw`
      WITH s AS (SELECT id, parent_id, root_id, step_key, gen_random_uuid() AS child,
                        row_number() OVER (ORDER BY id) % 10 <> 0 AS passed
                 FROM run_steps WHERE run_id = ${run.id}::uuid),
      n AS (INSERT INTO nodes (id, project_id, root_id, parent_id, round, instruction, content_hash, run_id, step_key, verdict)
            SELECT child, ${project.id}::uuid, root_id, parent_id, 1, 'Child', md5(child::text), ${run.id}::uuid, step_key,
                   CASE WHEN passed THEN 'passed' ELSE 'failed' END::"EliminatorVerdict" FROM s)
      UPDATE run_steps r SET status = 'done', passed = s.passed, child_id = s.child, finished_at = now()
      FROM s WHERE r.id = s.id`;
    const [rejected] = await prisma.runStep.findMany({ where: { runId: run.id, passed: true }, take: 1 });
    await prisma.node.update({ where: { id: rejected.childId! }, data: { humanStatus: "rejected" } });
    await prisma.run.update({ where: { id: run.id }, data: { status: "waiting_review" } });

    const released = await controlRun({ runId: run.id, command: "release", actorId: admin.id });
    expect(released).toMatchObject({ status: "running", currentRound: 2 });
    expect(await roundState(run.id, 2)).toMatchObject({ steps: 0 });
    // Paused halfway: the batches after the pause create steps without jobs, and the resume queues them.
    await releaseRoundJob({ runId: run.id, maxBatches: 3 });
    await controlRun({ runId: run.id, command: "pause", actorId: admin.id });
    await releaseRoundJob({ runId: run.id, maxBatches: 2 });
    expect(await roundState(run.id, 2)).toEqual({ steps: 5_000, parents: 5_000, jobs: 3_000, doubled: 0 });
    await controlRun({ runId: run.id, command: "resume", actorId: admin.id });
    await releaseRoundJob({ runId: run.id });
    expect(await roundState(run.id, 2)).toEqual({ steps: SEEDS, parents: SEEDS, jobs: SEEDS, doubled: 0 });

    // The pool rule per lineage: a passing child goes on; an eliminated or rejected one leaves its parent.
    const round1 = await prisma.runStep.findMany({ where: { runId: run.id, round: 1 } });
    const round2 = await prisma.runStep.findMany({ where: { runId: run.id, round: 2 } });
    const parentOf = new Map(round2.map((s) => [s.rootId, s.parentId]));
    for (const step of round1) {
      const goesOn = step.passed && step.childId !== rejected.childId;
      expect(parentOf.get(step.rootId), step.stepKey).toBe(goesOn ? step.childId : step.parentId);
    }
    const after = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ status: "running", currentRound: 2, releasingRound: null });
  }, 120_000);

  it("refuses a run whose estimated steps exceed EVOL_MAX_RUN_STEPS, with the estimate", async () => {
    const admin = await createTestUser("admin");
    const project = await projectWithSeeds(300);
    process.env.EVOL_MAX_RUN_STEPS = "1000";
    try {
      await expect(
        startRun({ ...simulatorRunOptions(project.id, { rounds: 4, branching: 1 }), actorId: admin.id }),
      ).rejects.toThrow(
        "This run would take about 1,200 evolution steps (300 seeds, 4 rounds, branching 1), more than this server allows (1,000, EVOL_MAX_RUN_STEPS). Use fewer seeds or rounds, or a smaller branching.",
      );
      const small = await startRun({
        ...simulatorRunOptions(project.id, { rounds: 4, seedLimit: 250 }),
        actorId: admin.id,
      });
      expect(small).toMatchObject({ seeds: 250, steps: 250 });
    } finally {
      delete process.env.EVOL_MAX_RUN_STEPS;
    }
  });
});
