import type { Prisma } from "@/lib/generated/prisma/client";
import { getBoss, STEP_QUEUE } from "./boss";

const CHUNK = 1_000;

/**
 * Queues one job per step inside the caller's transaction, so steps and their
 * jobs commit (or roll back) together. The step id is the singleton key: a
 * step already queued or running is not queued twice.
 */
export async function enqueueStepJobs(tx: Prisma.TransactionClient, stepIds: string[]): Promise<void> {
  if (stepIds.length === 0) return;
  const boss = await getBoss();
  const db = {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
  for (let i = 0; i < stepIds.length; i += CHUNK) {
    const jobs = stepIds.slice(i, i + CHUNK).map((stepId) => ({ data: { stepId }, singletonKey: stepId }));
    await boss.insert(STEP_QUEUE, jobs, { db });
  }
}
