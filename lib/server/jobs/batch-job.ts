import type { Queue } from "pg-boss";
import { z } from "zod";
import type { SqlClient } from "@/lib/server/db/direct-sql";
import { getEnv, type Env } from "@/lib/server/config/env";
import { getBoss } from "./boss";
import { parseJobPayload, transactionDb, type JobDefinition } from "./job-definition";

export const BATCH_QUEUE = "run-batches";

const batchJobSchema = z.object({ runId: z.uuid() });
export type BatchJob = z.infer<typeof batchJobSchema>;

// One job drives a batch-mode run (docs/decisions/0022-batch-api-runs.md): `stately` with the run id as
// singletonKey allows one queued and one active job per run, so the active job can queue its own next
// pass (startAfter: the next poll) and anything else asking for one while it is queued asks for nothing.
// The heartbeat hands a killed worker's job to another worker within seconds.
export function batchQueueOptions(env: Env = getEnv()): Omit<Queue, "name"> {
  return {
    policy: "stately",
    notify: true,
    heartbeatSeconds: env.EVOL_JOB_HEARTBEAT_SECONDS,
    expireInSeconds: 60 * 60,
    retryLimit: 20,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
  };
}

export const batchJob: JobDefinition<BatchJob> = {
  name: BATCH_QUEUE,
  payload: batchJobSchema,
  queueOptions: () => batchQueueOptions(),
};

/**
 * Queues a pass of a batch-mode run's job, in the caller's transaction when
 * given (so it commits with the rows it is about), not before `startAfter`.
 */
export async function enqueueBatchJob(options: { runId: string; tx?: SqlClient; startAfter?: Date }): Promise<void> {
  const boss = await getBoss();
  await boss.send(BATCH_QUEUE, batchJobSchema.parse({ runId: options.runId }), {
    singletonKey: options.runId,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.tx ? { db: transactionDb(options.tx) } : {}),
  });
}

export function parseBatchJob(data: unknown) {
  return parseJobPayload(batchJob, data);
}
