import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { hasLiveJobSql, lastJobSql } from "@/lib/server/jobs/live-job";
import { STEP_QUEUE } from "@/lib/server/jobs/step-job";
import { settleRun } from "./advance-after-step";
import { stallStep } from "./complete-step";

export interface ReapedRuns {
  /** Steps left pending or running whose job is gone: failed with the reason (their runs stall). */
  steps: string[];
  /** Running runs with nothing open that were settled (completed, waiting for review, or stalled). */
  runs: string[];
}

const BATCH = 1_000;

/**
 * Settles what a dead worker or an exhausted job left behind in running runs:
 * an open step with no live job (failed, expired or completed in pg-boss, or
 * none at all) will never run, so it fails with the reason and its run stalls;
 * a run with nothing open is settled as its last step would have settled it.
 * Paused and budget-stopped runs keep their open steps without jobs on
 * purpose (they are queued on resume) and are left alone.
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
  return { steps, runs };
}

function orphanReason(orphan: { job_state: string | null; job_message: string | null }): string {
  if (orphan.job_state === "failed")
    return `The step's job failed and has no retries left${orphan.job_message ? `: ${orphan.job_message}` : "."}`;
  if (orphan.job_state === "cancelled") return "The step's job was cancelled before it finished the step.";
  if (orphan.job_state === "completed") return "The step's job ended without finishing the step.";
  return "The step has no job: it was never queued, or its job was deleted.";
}
