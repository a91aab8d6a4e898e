import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { enqueueReleaseJob } from "@/lib/server/jobs/release-job";
import { WORKER_ERROR } from "./advance-after-step";
import { enqueueRunSteps } from "./enqueue-run-steps";

/**
 * Requeues the steps of a run that failed for a reason that is not the LLM's
 * (see stallStep): they start again from their first attempt, the run goes
 * back to running, and their lineages go on when they finish. Steps the LLM
 * failed were treated as eliminations and are left alone. A round release
 * that gave up (lib/server/runs/reap-releases.ts) is queued again; it goes on
 * from its cursor.
 */
export async function retryFailedSteps(options: {
  runId: string;
  actorId: string | null;
}): Promise<{ steps: number; release: boolean }> {
  return getPrisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run:${options.runId}`}))`;
      const run = await tx.run.findUnique({
        where: { id: options.runId },
        select: { id: true, status: true, batch: true, releasingRound: true },
      });
      if (!run) throw new NotFoundError("That run no longer exists.");
      if (run.status !== "stalled" && run.status !== "running")
        throw new ConflictError(`A ${run.status.replaceAll("_", " ")} run has no failed steps to retry.`);
      const failed = await tx.runStep.findMany({
        where: { runId: run.id, status: "failed", errorKind: WORKER_ERROR },
        select: { id: true },
      });
      const release = run.status === "stalled" && run.releasingRound !== null;
      if (failed.length === 0 && !release) throw new ConflictError("No step of this run is waiting for a retry.");
      const ids = failed.map((s) => s.id);
      await tx.runStep.updateMany({
        where: { id: { in: ids } },
        data: { status: "pending", attempts: 0, error: null, errorKind: null, passed: null, finishedAt: null },
      });
      await tx.run.update({
        where: { id: run.id },
        data: { status: "running", ...(release ? { error: null } : {}) },
      });
      await enqueueRunSteps({ tx, run, stepIds: ids });
      if (release) await enqueueReleaseJob(tx, run.id);
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "run.retry_failed_steps",
        targetType: "run",
        targetId: run.id,
        data: { steps: ids.length, release },
      });
      return { steps: ids.length, release };
    },
    { timeout: 120_000 },
  );
}
