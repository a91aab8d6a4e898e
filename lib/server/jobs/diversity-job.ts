import type { Queue } from "pg-boss";
import { z } from "zod";
import { getBoss } from "./boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseJobPayload, transactionDb, type JobDefinition } from "./job-definition";

export const DIVERSITY_QUEUE = "diversity";

const diversityJobSchema = z.object({ projectId: z.uuid() });
export type DiversityJob = z.infer<typeof diversityJobSchema>;

// "stately" with the project as singleton key: one refresh running and one
// waiting per project, so dashboard views of a changing project queue no more.
export function diversityQueueOptions(): Omit<Queue, "name"> {
  return {
    policy: "stately",
    notify: true,
    heartbeatSeconds: 30,
    expireInSeconds: 60 * 60,
    retryLimit: 3,
    retryDelay: 10,
  };
}

export const diversityJob: JobDefinition<DiversityJob> = {
  name: DIVERSITY_QUEUE,
  payload: diversityJobSchema,
  queueOptions: diversityQueueOptions,
};

export function parseDiversityJob(data: unknown) {
  return parseJobPayload(diversityJob, data);
}

/**
 * Asks for the project's diversity cache to be filled and its snapshot
 * recomputed; inside the caller's transaction when given one, so the job
 * commits with the nodes it is about.
 */
export async function enqueueDiversityJob(projectId: string, tx?: Prisma.TransactionClient): Promise<void> {
  const boss = await getBoss();
  await boss.send(DIVERSITY_QUEUE, diversityJobSchema.parse({ projectId }), {
    singletonKey: projectId,
    ...(tx ? { db: transactionDb(tx) } : {}),
  });
}
