import OpenAI from "openai";
import { getPrisma } from "@/lib/server/db/prisma";
import type { LlmEndpoint } from "@/lib/server/llm/endpoints";
import { settleBatchReservations } from "@/lib/server/runs/run-budget";
import { batchClientFor } from "./batch-client";
import { findByMetadata } from "./submit-batches";

export const CANCELLED_WITH_RUN = "cancelled with the run";

/**
 * A cancelled run's open batches: each one at the provider is cancelled
 * (batches.cancel) and recorded; it is then polled and collected as usual,
 * so lines it answered before it stopped are kept. One never submitted is
 * closed here (one left `uploaded` by a crash is first looked up by its metadata).
 */
export async function cancelRunBatches(options: { runId: string; endpoint: LlmEndpoint }): Promise<number> {
  const prisma = getPrisma();
  const client = batchClientFor(options.endpoint);
  const open = await prisma.llmBatch.findMany({
    where: { runId: options.runId, state: { in: ["preparing", "uploaded", "submitted"] }, error: null },
  });
  let cancelled = 0;
  for (const row of open) {
    let providerId = row.providerId;
    if (row.state === "uploaded")
      providerId = (await findByMetadata(options.endpoint, row.id, row.createdAt))?.id ?? null;
    if (!providerId) {
      await prisma.$transaction(async (tx) => {
        await tx.llmBatch.update({
          where: { id: row.id },
          data: { state: "collected", error: `${CANCELLED_WITH_RUN} before it was submitted`, collectedAt: new Date() },
        });
        await tx.llmBatchLine.updateMany({ where: { batchId: row.id }, data: { outcome: "cancelled" } });
        await settleBatchReservations({ batchId: row.id, db: tx });
      });
      continue;
    }
    let status: string | null = row.providerStatus;
    try {
      status = (await client.batches.cancel(providerId)).status;
      cancelled++;
    } catch (error) {
      // Already over (completed, failed, expired): nothing to cancel, it is collected as it is.
      if (!(error instanceof OpenAI.APIError && error.status === 400)) throw error;
    }
    await prisma.llmBatch.update({
      where: { id: row.id },
      data: {
        state: "submitted",
        providerId,
        providerStatus: status,
        error: CANCELLED_WITH_RUN,
        submittedAt: row.submittedAt ?? new Date(),
        pollAt: new Date(),
      },
    });
  }
  return cancelled;
}
