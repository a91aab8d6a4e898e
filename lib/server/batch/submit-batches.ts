import type { Prisma } from "@/lib/generated/prisma/client";
import { BATCH_ENDPOINT, BATCH_LIMITS, splitIntoFiles, type BatchFile } from "@/lib/batch/request-lines";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import type { LlmEndpoint } from "@/lib/server/llm/endpoints";
import { batchClientFor } from "./batch-client";
import type { PlannedCall } from "./plan-step-calls";

export interface StepBatchCall extends PlannedCall {
  stepId: string;
  /** The step's round (the batch's round); `round` of submitBatches when absent. */
  round?: number;
}

type Tx = Prisma.TransactionClient;

/**
 * Sends a phase's calls as Batch API jobs, one set per round and role. Every
 * batch and the request keys it carries are stored before anything is
 * uploaded, and each step forward (file uploaded, batch created) is stored as
 * soon as it is known, so a crash leaves a row that says how far it got.
 * `admit` runs in the transaction that stores them and returns the calls to
 * send (a capped run reserves their worst case there: lib/server/batch/reserve-batch-calls.ts).
 * Returns the rows' ids.
 */
export async function submitBatches(options: {
  runId: string;
  round?: number;
  calls: StepBatchCall[];
  endpoint: LlmEndpoint;
  limits?: { maxRequests: number; maxBytes: number };
  admit?: (tx: Tx, calls: StepBatchCall[]) => Promise<StepBatchCall[]>;
}): Promise<string[]> {
  const prisma = getPrisma();
  const rows = await prisma.$transaction(async (tx) => {
    const calls = options.admit ? await options.admit(tx, options.calls) : options.calls;
    const stepOf = new Map(calls.map((call) => [call.customId, call.stepId]));
    const groups = Map.groupBy(calls, (call) => `${call.round ?? options.round ?? 1}:${call.role}`);
    const rows = [...groups.values()].flatMap((group) =>
      splitIntoFiles(group, options.limits ?? BATCH_LIMITS).map((file) => ({
        id: uuid7(),
        file,
        round: group[0].round ?? options.round ?? 1,
        phase: group[0].role,
      })),
    );
    await tx.llmBatch.createMany({
      data: rows.map(({ id, file, round, phase }) => ({
        id,
        runId: options.runId,
        round,
        phase,
        requestCount: file.customIds.length,
        bytes: file.bytes,
      })),
    });
    await tx.llmBatchLine.createMany({
      data: rows.flatMap(({ id, file }) =>
        file.customIds.map((requestKey) => ({ batchId: id, requestKey, stepId: stepOf.get(requestKey)! })),
      ),
    });
    return rows;
  });
  for (const { id, file } of rows) await sendBatch({ batchId: id, file, endpoint: options.endpoint });
  return rows.map((row) => row.id);
}

/**
 * Takes a stored batch from preparing (or uploaded) to submitted. A row left
 * uploaded by a crash may already exist at the provider: it is looked up by
 * the metadata it was created with before it is created again.
 */
export async function sendBatch(options: { batchId: string; file?: BatchFile; endpoint: LlmEndpoint }): Promise<void> {
  const prisma = getPrisma();
  const client = batchClientFor(options.endpoint);
  let row = await prisma.llmBatch.findUniqueOrThrow({ where: { id: options.batchId } });
  if (row.state === "preparing") {
    if (!options.file) throw new Error(`batch ${row.id} is not uploaded yet: its file is needed`);
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
export async function findByMetadata(endpoint: LlmEndpoint, rowId: string, since: Date) {
  const oldest = Math.floor(since.getTime() / 1000) - 60;
  for await (const batch of batchClientFor(endpoint).batches.list({ limit: 100 })) {
    if (batch.metadata?.evol_batch === rowId) return batch;
    if (batch.created_at < oldest) break;
  }
  return null;
}
