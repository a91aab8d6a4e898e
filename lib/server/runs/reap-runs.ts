import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { BATCH_QUEUE, enqueueBatchJob } from "@/lib/server/jobs/batch-job";
import { hasLiveJobSql, lastJobSql } from "@/lib/server/jobs/live-job";
import { STEP_QUEUE } from "@/lib/server/jobs/step-job";
import { settleRun } from "./advance-after-step";
import { stallStep } from "./complete-step";
import { reapReleases, type ReapedReleases } from "./reap-releases";

export interface ReapedRuns {
  /** Steps left pending or running whose job is gone: failed with the reason (their runs stall). */
  steps: string[];
  /** Running runs with nothing open that were settled (completed, waiting for review, or stalled). */
  runs: string[];
  /** Batch-mode runs with steps or batches open and no job driving them: their job was queued again. */
  batchRuns: string[];
  /** Runs whose round release lost its job (lib/server/runs/reap-releases.ts). */
  releases: ReapedReleases;
}

const BATCH = 1_000;

/**
 * Settles what a dead worker or an exhausted job left behind in running runs:
 * an open step with no live job (failed, expired or completed in pg-boss, or
 * none at all) will never run, so it fails with the reason and its run stalls;
 * a run with nothing open is settled as its last step would have settled it.
 * Paused and budget-stopped runs keep their open steps without jobs on
 * purpose (they are queued on resume) and are left alone. A batch-mode run
 * with steps or batches open and no job of its own gets its job again, and
 * so does a round release whose job is gone (one that gave up stalls the run).
 */
export async function reapRuns(): Promise<ReapedRuns> {
  const prisma = getPrisma();
  const orphans = await prisma.$queryRaw<
    { id: string; run_id: string; job_state: string | null; job_message: string | null }[]
  >`
    SELECT s.id::text, s.run_id::text, j.job_state, j.job_message
    FROM run_steps s JOIN runs r ON r.id = s.run_id
    LEFT JOIN LATERAL (${lastJobSql(STEP_QUEUE, Prisma.sql`s.id::text`)}) j ON true
    WHERE r.status = 'running' AND s.status IN ('pending', 'running')
      AND NOT ${hasLiveJobSql(STEP_QUEUE, Prisma.sql`s.id::text`, "exclusive")}
      -- A batch-mode run's steps wait for their calls without a job; only one whose job gave up is orphaned.
      AND (NOT r.batch OR j.job_state IN ('failed', 'cancelled'))
    LIMIT ${BATCH}`;
  const steps: string[] = [];
  for (const orphan of orphans) {
    // Checked again at the moment of the change: a resume may have queued it since.
    const [still] = await prisma.$queryRaw<{ ok: boolean }[]>`
      SELECT NOT ${hasLiveJobSql(STEP_QUEUE, Prisma.sql`${orphan.id}`, "exclusive")} AS ok`;
    if (!still?.ok) continue;
    if (await stallStep({ step: { id: orphan.id, runId: orphan.run_id }, reason: orphanReason(orphan) }))
      steps.push(orphan.id);
  }

  const idle = await prisma.$queryRaw<{ id: string }[]>`
    SELECT r.id::text FROM runs r
    WHERE r.status = 'running' AND r.releasing_round IS NULL
      AND NOT EXISTS (SELECT 1 FROM run_steps s WHERE s.run_id = r.id AND s.status IN ('pending', 'running'))`;
  const runs: string[] = [];
  for (const run of idle) {
    await prisma.$transaction((tx) => settleRun({ tx, runId: run.id }));
    runs.push(run.id);
  }
  const batchRuns = await prisma.$queryRaw<{ id: string }[]>`
    SELECT r.id::text FROM runs r
    WHERE r.batch AND NOT ${hasLiveJobSql(BATCH_QUEUE, Prisma.sql`r.id::text`)}
      AND ((r.status = 'running'
            AND EXISTS (SELECT 1 FROM run_steps s WHERE s.run_id = r.id AND s.status IN ('pending', 'running')))
           OR EXISTS (SELECT 1 FROM llm_batches b WHERE b.run_id = r.id AND b.state <> 'collected'))`;
  for (const run of batchRuns) await enqueueBatchJob({ runId: run.id });
  return { steps, runs, batchRuns: batchRuns.map((run) => run.id), releases: await reapReleases() };
}

function orphanReason(orphan: { job_state: string | null; job_message: string | null }): string {
  if (orphan.job_state === "failed")
    return `The step's job failed and has no retries left${orphan.job_message ? `: ${orphan.job_message}` : "."}`;
  if (orphan.job_state === "cancelled") return "The step's job was cancelled before it finished the step.";
  if (orphan.job_state === "completed") return "The step's job ended without finishing the step.";
  return "The step has no job: it was never queued, or its job was deleted.";
}
