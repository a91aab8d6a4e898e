import type { Queue } from "pg-boss";
import { z } from "zod";
import type { SqlClient } from "@/lib/server/db/direct-sql";
import { getEnv, type Env } from "@/lib/server/config/env";
import { getBoss } from "./boss";
import { parseJobPayload, transactionDb, type JobDefinition } from "./job-definition";

export const STEP_QUEUE = "evolve-step";

const stepJobSchema = z.object({ stepId: z.uuid() });
export type StepJob = z.infer<typeof stepJobSchema>;

// Why these settings: docs/decisions/0005-job-queue.md. `exclusive` with the
// step id as singletonKey keeps at most one queued-or-active job per step;
// the heartbeat lets a job held by a killed worker run again within seconds.
export function stepQueueOptions(env: Env = getEnv()): Omit<Queue, "name"> {
  return {
    policy: "exclusive",
    notify: true,
    heartbeatSeconds: env.EVOL_JOB_HEARTBEAT_SECONDS,
    expireInSeconds: 60 * 60,
    retryLimit: 20,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 60,
  };
}

export const stepJob: JobDefinition<StepJob> = {
  name: STEP_QUEUE,
  payload: stepJobSchema,
  queueOptions: () => stepQueueOptions(),
};

export function parseStepJob(data: unknown) {
  return parseJobPayload(stepJob, data);
}

const CHUNK = 1_000;

/**
 * Queues one job per step inside the caller's transaction, so steps and their
 * jobs commit (or roll back) together. The step id is the singleton key: a
 * step already queued or running is not queued twice.
 */
export async function enqueueStepJobs(tx: SqlClient, stepIds: string[]): Promise<void> {
  if (stepIds.length === 0) return;
  const boss = await getBoss();
  const db = transactionDb(tx);
  for (let i = 0; i < stepIds.length; i += CHUNK) {
    const jobs = stepIds
      .slice(i, i + CHUNK)
      .map((stepId) => ({ data: stepJobSchema.parse({ stepId }), singletonKey: stepId }));
    await boss.insert(STEP_QUEUE, jobs, { db });
  }
}
