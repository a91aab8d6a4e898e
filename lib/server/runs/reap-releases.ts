import { getPrisma } from "@/lib/server/db/prisma";
import { enqueueReleaseJob, RELEASE_QUEUE } from "@/lib/server/jobs/release-job";

export interface ReapedReleases {
  /** Running runs releasing a round with no release job at all: their job was queued again (it resumes). */
  requeued: string[];
  /** Running runs whose release job gave up (failed or cancelled): stalled with the reason, for a retry. */
  stalled: string[];
}

/**
 * A round being released (lib/server/runs/release-round.ts) holds its run
 * open until the release job clears `releasing_round`, so a job that is gone
 * would leave the run "running" forever. A job that vanished is queued again
 * (the release resumes from its cursor and creates nothing twice); one that
 * used up its retries stalls the run with its message, and "Retry" queues it
 * again (lib/server/runs/retry-failed-steps.ts). Release jobs are keyed by
 * their payload, not a singleton key; a run has one per round, so the probe
 * reads a handful of rows.
 */
export async function reapReleases(): Promise<ReapedReleases> {
  const prisma = getPrisma();
  const orphans = await prisma.$queryRaw<
    { id: string; releasing_round: number; job_state: string | null; job_message: string | null }[]
  >`
    SELECT r.id::text, r.releasing_round, j.job_state, j.job_message FROM runs r
    LEFT JOIN LATERAL (
      SELECT j.state::text AS job_state, j.output->>'message' AS job_message FROM pgboss.job j
      WHERE j.name = ${RELEASE_QUEUE} AND j.data->>'runId' = r.id::text
      ORDER BY j.created_on DESC LIMIT 1) j ON true
    WHERE r.status = 'running' AND r.releasing_round IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM pgboss.job l
        WHERE l.name = ${RELEASE_QUEUE} AND l.data->>'runId' = r.id::text AND l.state <= 'active')`;
  const result: ReapedReleases = { requeued: [], stalled: [] };
  for (const orphan of orphans) {
    const gaveUp = orphan.job_state === "failed" || orphan.job_state === "cancelled";
    const done = await prisma.$transaction(async (tx) => {
      // Under the run's lock, checked again: a retry or a control command may have changed it since.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run:${orphan.id}`}))`;
      const [still] = await tx.$queryRaw<{ ok: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM runs WHERE id = ${orphan.id}::uuid AND status = 'running'
                         AND releasing_round IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM pgboss.job l WHERE l.name = ${RELEASE_QUEUE}
                             AND l.data->>'runId' = ${orphan.id} AND l.state <= 'active') AS ok`;
      if (!still?.ok) return false;
      if (!gaveUp) {
        await enqueueReleaseJob(tx, orphan.id);
        return true;
      }
      const why = orphan.job_message ? `: ${orphan.job_message}` : ".";
      await tx.run.update({
        where: { id: orphan.id },
        data: {
          status: "stalled",
          error: `Creating the steps of round ${orphan.releasing_round} failed and has no retries left${why}`.slice(
            0,
            2000,
          ),
        },
      });
      return true;
    });
    if (done) (gaveUp ? result.stalled : result.requeued).push(orphan.id);
  }
  return result;
}
