import type { SqlClient } from "@/lib/server/db/direct-sql";
import { enqueueBatchJob } from "@/lib/server/jobs/batch-job";
import { enqueueStepJobs } from "@/lib/server/jobs/step-job";

/**
 * Queues a run's open steps in the caller's transaction: one job per step, or
 * for a batch-mode run its batch job, which plans the steps' calls into Batch
 * API jobs and queues each step's own job once its calls are all stored.
 */
export async function enqueueRunSteps(options: {
  tx: SqlClient;
  run: { id: string; batch: boolean };
  stepIds: string[];
}): Promise<void> {
  if (options.stepIds.length === 0) return;
  if (options.run.batch) await enqueueBatchJob({ runId: options.run.id, tx: options.tx });
  else await enqueueStepJobs(options.tx, options.stepIds);
}
