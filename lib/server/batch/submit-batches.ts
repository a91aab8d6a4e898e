import type { LlmRole } from "@/lib/generated/prisma/client";
import { BATCH_ENDPOINT, BATCH_LIMITS, splitIntoFiles, type BatchFile } from "@/lib/batch/request-lines";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import type { LlmEndpoint } from "@/lib/server/llm/endpoints";
import { batchClientFor } from "./batch-client";
import type { PlannedCall } from "./plan-step-calls";

export interface StepBatchCall extends PlannedCall {
  stepId: string;
}

/**
 * Sends one phase's calls of one role as Batch API jobs. Every batch and the
 * request keys it carries are stored before anything is uploaded, and each
 * step forward (file uploaded, batch created) is stored as soon as it is
 * known, so a crash leaves a row that says how far it got. Returns the rows' ids.
 */
export async function submitBatches(options: {
  runId: string;
  round: number;
  phase: LlmRole;
  calls: StepBatchCall[];
  endpoint: LlmEndpoint;
  limits?: { maxRequests: number; maxBytes: number };
}): Promise<string[]> {
  const prisma = getPrisma();
  const stepOf = new Map(options.calls.map((call) => [call.customId, call.stepId]));
  const files = splitIntoFiles(options.calls, options.limits ?? BATCH_LIMITS);
  const rows = files.map((file) => ({ id: uuid7(), file }));
  await prisma.$transaction([
    prisma.llmBatch.createMany({
      data: rows.map(({ id, file }) => ({
        id,
        runId: options.runId,
        round: options.round,
        phase: options.phase,
        requestCount: file.customIds.length,
        bytes: file.bytes,
      })),
    }),
    prisma.llmBatchLine.createMany({
      data: rows.flatMap(({ id, file }) =>
        file.customIds.map((requestKey) => ({ batchId: id, requestKey, stepId: stepOf.get(requestKey)! })),
      ),
    }),
  ]);
  for (const { id, file } of rows) await sendBatch({ batchId: id, file, endpoint: options.endpoint });
  return rows.map((row) => row.id);
}

/**
 * Takes a stored batch from preparing (or uploaded) to submitted. A row left
 * uploaded by a crash may already exist at the provider: it is looked up by
 * the metadata it was created with before it is created again.
 */
export async function sendBatch(options: { batchId: string; file: BatchFile; endpoint: LlmEndpoint }): Promise<void> {
  const prisma = getPrisma();
  const client = batchClientFor(options.endpoint);
  let row = await prisma.llmBatch.findUniqueOrThrow({ where: { id: options.batchId } });
  if (row.state === "preparing") {
    const uploaded = await client.files.create({
      file: new File([options.file.content], `evol-${row.id}.jsonl`, { type: "application/jsonl" }),
      purpose: "batch",
    });
    row = await prisma.llmBatch.update({
      where: { id: row.id },
      data: { state: "uploaded", inputFileId: uploaded.id },
    });
  }
  if (row.state !== "uploaded" || !row.inputFileId) return;
  const existing = await findByMetadata(options.endpoint, row.id, row.createdAt);
  const batch =
    existing ??
    (await client.batches.create({
      input_file_id: row.inputFileId,
      endpoint: BATCH_ENDPOINT,
      completion_window: "24h",
      metadata: { evol_batch: row.id, evol_run: row.runId },
    }));
  await prisma.llmBatch.update({
    where: { id: row.id },
    data: {
      state: "submitted",
      providerId: batch.id,
      providerStatus: batch.status,
      submittedAt: new Date(),
      pollAt: new Date(),
    },
  });
}

// Newest first: batches created before the row (less a minute of clock skew) cannot be it.
async function findByMetadata(endpoint: LlmEndpoint, rowId: string, since: Date) {
  const oldest = Math.floor(since.getTime() / 1000) - 60;
  for await (const batch of batchClientFor(endpoint).batches.list({ limit: 100 })) {
    if (batch.metadata?.evol_batch === rowId) return batch;
    if (batch.created_at < oldest) break;
  }
  return null;
}
