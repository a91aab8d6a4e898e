import type { Queue } from "pg-boss";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getBoss } from "./boss";
import { parseJobPayload, transactionDb, type JobDefinition } from "./job-definition";

export const RELEASE_QUEUE = "release-round";

const releaseJobSchema = z.object({ runId: z.uuid() });
export type ReleaseJob = z.infer<typeof releaseJobSchema>;

// A rerun after a crash continues from the run's release cursor, and two jobs
// for one run would only create each step once (lib/server/runs/release-round.ts),
// so no singleton: a job still finishing the last round never swallows the next.
export function releaseQueueOptions(): Omit<Queue, "name"> {
  return {
    policy: "standard",
    notify: true,
    heartbeatSeconds: 30,
    expireInSeconds: 60 * 60,
    retryLimit: 20,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 60,
  };
}

export const releaseJob: JobDefinition<ReleaseJob> = {
  name: RELEASE_QUEUE,
  payload: releaseJobSchema,
  queueOptions: releaseQueueOptions,
};

export function parseReleaseJob(data: unknown) {
  return parseJobPayload(releaseJob, data);
}

/** Queues the release of a run's round inside the caller's transaction. */
export async function enqueueReleaseJob(tx: Prisma.TransactionClient, runId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(RELEASE_QUEUE, releaseJobSchema.parse({ runId }), { db: transactionDb(tx) });
}
