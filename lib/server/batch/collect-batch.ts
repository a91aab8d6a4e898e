import { parseBatchResults, type BatchResult } from "@/lib/batch/parse-results";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { classifyStatus } from "@/lib/server/llm/classify-error";
import type { LlmEndpoint } from "@/lib/server/llm/endpoints";
import { asRunRole } from "@/lib/server/llm/llm-settings";
import { settleBatchReservations } from "@/lib/server/runs/run-budget";
import { parseRunConfig } from "@/lib/server/runs/run-config";
import { batchClientFor } from "./batch-client";

const TERMINAL = ["completed", "failed", "expired", "cancelled"];
const MAX_POLL_FACTOR = 20;

/** Backoff between polls of one batch: LLM_BATCH_POLL_SECONDS (30 s) doubling to 20 times that (10 min). */
export function pollDelayMs(polls: number, firstMs = getEnv().LLM_BATCH_POLL_SECONDS * 1000): number {
  return Math.min(firstMs * MAX_POLL_FACTOR, firstMs * 2 ** Math.max(0, polls));
}

/** Asks the provider about a submitted batch; stores its status and counts, and its files once it ended. */
export async function pollBatch(options: { batchId: string; endpoint: LlmEndpoint }): Promise<"open" | "ended"> {
  const prisma = getPrisma();
  const row = await prisma.llmBatch.findUniqueOrThrow({ where: { id: options.batchId } });
  if (row.state === "ended" || row.state === "collected") return "ended";
  if (row.state !== "submitted" || !row.providerId) return "open";
  const batch = await batchClientFor(options.endpoint).batches.retrieve(row.providerId);
  const ended = TERMINAL.includes(batch.status);
  const problems = batch.errors?.data?.map((e) => `${e.code ?? "error"}: ${e.message ?? ""}`).join("; ");
  await prisma.llmBatch.update({
    where: { id: row.id },
    data: {
      providerStatus: batch.status,
      doneCount: batch.request_counts?.completed ?? row.doneCount,
      failedCount: batch.request_counts?.failed ?? row.failedCount,
      polls: { increment: 1 },
      ...(ended
        ? {
            state: "ended",
            endedAt: new Date(),
            outputFileId: batch.output_file_id ?? null,
            errorFileId: batch.error_file_id ?? null,
            // A batch cancelled with its run keeps that reason.
            error: batch.status === "completed" ? null : (row.error ?? (problems || `batch ${batch.status}`)),
            pollAt: null,
          }
        : { pollAt: new Date(Date.now() + pollDelayMs(row.polls)) }),
    },
  });
  return ended ? "ended" : "open";
}

function failureOf(result: BatchResult | undefined, providerStatus: string | null) {
  if (result && !result.ok) {
    const kind = result.status === null ? (result.code ?? "batch_error") : classifyStatus(result.status).kind;
    return { kind, message: result.message };
  }
  // A line in neither file: its batch gave up on it (failed, expired or cancelled before it ran).
  return {
    kind: `batch_${providerStatus ?? "lost"}`,
    message: `the batch ended ${providerStatus} before this line ran`,
  };
}

/**
 * Stores an ended batch's results: each reply as the llm_calls row of its
 * request key (the row its step job will reuse), each failure as an error
 * row with its reason, and every line's outcome. Safe to repeat: a reply
 * already stored under the key stands, and a collected batch is left alone.
 */
export async function collectBatch(options: { batchId: string; endpoint: LlmEndpoint }): Promise<void> {
  const prisma = getPrisma();
  const row = await prisma.llmBatch.findUniqueOrThrow({
    where: { id: options.batchId },
    include: { lines: true, run: { select: { config: true } } },
  });
  if (row.state !== "ended") return;
  const client = batchClientFor(options.endpoint);
  const results = new Map<string, BatchResult>();
  for (const fileId of [row.outputFileId, row.errorFileId]) {
    if (!fileId) continue;
    const text = await (await client.files.content(fileId)).text();
    for (const [key, result] of parseBatchResults(text)) results.set(key, result);
  }
  const model = parseRunConfig(row.run.config).llm[asRunRole(row.phase)].model;
  const base = { runId: row.runId, role: row.phase, model, attempt: 1, latencyMs: 0 };
  const ok = row.lines.flatMap((line) => {
    const result = results.get(line.requestKey);
    return result?.ok ? [{ line, result }] : [];
  });
  const failed = row.lines
    .filter((line) => !results.get(line.requestKey)?.ok)
    .map((line) => ({ line, failure: failureOf(results.get(line.requestKey), row.providerStatus) }));
  await prisma.$transaction(async (tx) => {
    await tx.llmCall.createMany({
      data: ok.map(({ line, result }) => ({
        ...base,
        requestKey: line.requestKey,
        outcome: "ok",
        reply: result.ok ? result.text : null,
        promptTokens: result.ok ? result.promptTokens : null,
        completionTokens: result.ok ? result.completionTokens : null,
      })),
      skipDuplicates: true,
    });
    await tx.llmCall.createMany({
      data: failed.map(({ failure }) => ({
        ...base,
        outcome: "error",
        errorKind: failure.kind,
        errorMessage: failure.message.slice(0, 2000),
      })),
    });
    await tx.llmBatchLine.updateMany({
      where: { batchId: row.id, requestKey: { in: ok.map(({ line }) => line.requestKey) } },
      data: { outcome: "ok" },
    });
    for (const [kind, lines] of Map.groupBy(failed, ({ failure }) => failure.kind)) {
      await tx.llmBatchLine.updateMany({
        where: { batchId: row.id, requestKey: { in: lines.map(({ line }) => line.requestKey) } },
        data: { outcome: "error", errorKind: kind },
      });
      // The step shows why it is waiting for another attempt, as a live retry does.
      await tx.runStep.updateMany({
        where: { id: { in: lines.map(({ line }) => line.stepId) }, status: { in: ["pending", "running"] } },
        data: { error: `${row.phase} call: ${lines[0].failure.message}`.slice(0, 2000), errorKind: kind },
      });
    }
    // A capped run's reservations for these lines: replies counted as spent at the batch price, failures given back.
    await settleBatchReservations({ batchId: row.id, db: tx });
    await tx.llmBatch.update({ where: { id: row.id }, data: { state: "collected", collectedAt: new Date() } });
  });
}
