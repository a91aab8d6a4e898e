import type { Prisma } from "@/lib/generated/prisma/client";
import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import type { StartRunOptions } from "@/lib/validation/runs";
import { prepareRun, type PreparedRun } from "./prepare-run";
import { releaseInline } from "./release-round";

// Seeds whose steps the start itself creates (a few seconds at most); a larger
// run's first round is created by its release job (lib/server/runs/release-round.ts).
const INLINE_BATCHES = 5;

/**
 * Creates a run and its first round: one step per selected seed and branch
 * slot, queued with it. A run of up to a few thousand seeds starts whole in one
 * transaction; a larger one's first round is created in batches by a job.
 */
export async function startRun(options: StartRunOptions & { actorId: string | null; batch?: boolean }) {
  const prepared = await prepareRun(options);
  return getPrisma().$transaction(
    async (tx) => {
      const run = await createRun({ tx, options, prepared });
      return releaseRun({ tx, options, prepared, runId: run.id });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

type Tx = Prisma.TransactionClient;
type CreateOptions = { tx: Tx; options: StartRunOptions & { actorId: string | null }; prepared: PreparedRun };

/** The run's row, in the caller's transaction (its steps come from releaseRun). */
export async function createRun({ tx, options, prepared }: CreateOptions) {
  return tx.run.create({
    data: {
      projectId: options.projectId,
      createdById: options.actorId,
      status: "running",
      mode: options.mode,
      rounds: options.rounds,
      currentRound: 1,
      templateVersion: TEMPLATE_VERSION,
      methodVersionId: prepared.method.id,
      config: prepared.config as unknown as Prisma.InputJsonValue,
      startedAt: new Date(),
      maxTokens: options.maxTokens ?? null,
      maxCostUsd: options.maxCostUsd ?? null,
      releasingRound: 1,
      batch: prepared.batch,
    },
    select: { id: true },
  });
}

/** Creates and queues the run's first round (a large one's rest by its release job) and records the start. */
export async function releaseRun({ tx, options, prepared, runId }: CreateOptions & { runId: string }) {
  const { seedCount, method, batch } = prepared;
  const first = await releaseInline({ tx, runId, maxBatches: INLINE_BATCHES });
  await recordAuditEvent({
    db: tx,
    actorId: options.actorId,
    action: "run.start",
    targetType: "run",
    targetId: runId,
    data: {
      seeds: seedCount,
      rounds: options.rounds,
      branching: options.branching,
      mode: options.mode,
      batch,
      maxTokens: options.maxTokens ?? null,
      maxCostUsd: options.maxCostUsd ?? null,
      method: `${method.method} v${method.version}`,
    },
  });
  // Steps created now; the rest of a large first round follows from the release job.
  return {
    id: runId,
    seeds: seedCount,
    method: `${method.method} v${method.version}`,
    steps: first.queued ? seedCount * options.branching : first.created,
  };
}
