import type { Queue } from "pg-boss";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getBoss } from "./boss";
import { parseJobPayload, transactionDb, type JobDefinition } from "./job-definition";

export const EXPORT_QUEUE = "export";

const exportJobSchema = z.object({ exportId: z.uuid() });
export type ExportJob = z.infer<typeof exportJobSchema>;

// One job per export; a retry (after a crash) writes the export again from the start.
export function exportQueueOptions(): Omit<Queue, "name"> {
  return {
    policy: "standard",
    notify: true,
    heartbeatSeconds: 30,
    expireInSeconds: 60 * 60,
    retryLimit: 2,
    retryDelay: 5,
  };
}

export const exportJob: JobDefinition<ExportJob> = {
  name: EXPORT_QUEUE,
  payload: exportJobSchema,
  queueOptions: exportQueueOptions,
};

export function parseExportJob(data: unknown) {
  return parseJobPayload(exportJob, data);
}

/** Queues the export's job inside the caller's transaction, so the export row and its job commit together. */
export async function enqueueExportJob(tx: Prisma.TransactionClient, exportId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(EXPORT_QUEUE, exportJobSchema.parse({ exportId }), { db: transactionDb(tx), singletonKey: exportId });
}
