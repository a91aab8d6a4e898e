import { getPrisma } from "@/lib/server/db/prisma";
import { asRunRole } from "@/lib/server/llm/llm-settings";

/** One Batch API job of a batch-mode run, as the run page lists it. */
export interface RunBatch {
  id: string;
  round: number;
  /** The role of the calls it carries: evolve, answer, judge or difficulty. */
  phase: "evolve" | "answer" | "judge" | "difficulty";
  /** Ours: preparing → uploaded → submitted → ended → collected (docs/decisions/0022-batch-api-runs.md). */
  state: "preparing" | "uploaded" | "submitted" | "ended" | "collected";
  /** The provider's (validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled); null before it is created. */
  providerStatus: string | null;
  /** Lines it carries; done and failed as the provider counts them until collected, then as stored. */
  requests: { total: number; done: number; failed: number };
  /** ISO times; null until it happened. */
  submittedAt: string | null;
  finishedAt: string | null;
  /** Why the whole batch failed, expired or was cancelled; null otherwise. */
  failureReason: string | null;
}

/** A run's batches, newest first. */
export async function getRunBatches(options: { runId: string }): Promise<RunBatch[]> {
  const prisma = getPrisma();
  const rows = await prisma.llmBatch.findMany({ where: { runId: options.runId }, orderBy: { id: "desc" } });
  const collected = rows.filter((row) => row.state === "collected").map((row) => row.id);
  // After collecting, the lines say what happened to each request (an expired batch counts none failed itself).
  const outcomes = collected.length
    ? await prisma.llmBatchLine.groupBy({
        by: ["batchId", "outcome"],
        where: { batchId: { in: collected } },
        _count: { _all: true },
      })
    : [];
  const countOf = (batchId: string, outcome: string) =>
    outcomes.find((o) => o.batchId === batchId && o.outcome === outcome)?._count._all ?? 0;
  return rows.map((row) => ({
    id: row.id,
    round: row.round,
    phase: asRunRole(row.phase),
    state: row.state,
    providerStatus: row.providerStatus,
    requests: {
      total: row.requestCount,
      done: row.state === "collected" ? countOf(row.id, "ok") : row.doneCount,
      failed: row.state === "collected" ? countOf(row.id, "error") : row.failedCount,
    },
    submittedAt: row.submittedAt?.toISOString() ?? null,
    finishedAt: row.endedAt?.toISOString() ?? null,
    failureReason: row.error,
  }));
}
