import type { RunStatus } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { enqueueBatchJob } from "@/lib/server/jobs/batch-job";
import { settleRun } from "./advance-after-step";
import { raiseRunCaps } from "./raise-run-caps";
import { beginRelease } from "./release-round";
import { enqueueRunSteps } from "./enqueue-run-steps";

export type RunCommand = "pause" | "resume" | "cancel" | "release";

const ALLOWED: Record<RunCommand, RunStatus[]> = {
  pause: ["running"],
  resume: ["paused", "budget_reached"],
  cancel: ["queued", "running", "paused", "waiting_review", "budget_reached", "stalled"],
  release: ["waiting_review"],
};

const PAST: Record<RunCommand, string> = {
  pause: "paused",
  resume: "resumed",
  cancel: "cancelled",
  release: "released",
};

/**
 * Pause, resume (with new spending caps, for a run stopped at its cap),
 * cancel, or (gated mode) release the next round of a run.
 */
export async function controlRun(options: {
  runId: string;
  command: RunCommand;
  actorId: string | null;
  maxTokens?: number;
  maxCostUsd?: number;
}) {
  const { runId, command } = options;
  return getPrisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run:${runId}`}))`;
      const run = await tx.run.findUnique({ where: { id: runId } });
      if (!run) throw new NotFoundError("That run no longer exists.");
      if (!ALLOWED[command].includes(run.status))
        throw new ConflictError(`A ${run.status.replaceAll("_", " ")} run cannot be ${PAST[command]}.`);
      const caps = { maxTokens: options.maxTokens, maxCostUsd: options.maxCostUsd };
      if (command !== "resume" && (caps.maxTokens !== undefined || caps.maxCostUsd !== undefined))
        throw new ConflictError("Spending caps change only when a run is resumed.");
      if (command === "pause") {
        await tx.run.update({ where: { id: runId }, data: { status: "paused" } });
      } else if (command === "cancel") {
        await tx.run.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
        await tx.runStep.updateMany({
          where: { runId, status: "pending" },
          data: { status: "cancelled", error: "run cancelled", finishedAt: new Date() },
        });
        // Its batch job cancels the run's open batches at the provider and keeps what they already answered.
        if (run.batch) await enqueueBatchJob({ runId, tx });
      } else if (command === "resume") {
        if (run.status === "budget_reached" || caps.maxTokens !== undefined || caps.maxCostUsd !== undefined)
          await raiseRunCaps({ tx, run, ...caps });
        await tx.run.update({ where: { id: runId }, data: { status: "running" } });
        const pending = await tx.runStep.findMany({
          where: { runId, status: { in: ["pending", "running"] } },
          select: { id: true },
        });
        await enqueueRunSteps({ tx, run, stepIds: pending.map((s) => s.id) });
        await settleRun({ tx, runId });
      } else {
        // The next round's steps are created in batches by a job: a round of
        // any size is released without one long transaction.
        await tx.run.update({ where: { id: runId }, data: { status: "running", currentRound: run.currentRound + 1 } });
        await beginRelease({ tx, runId, round: run.currentRound + 1 });
      }
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: `run.${command}`,
        targetType: "run",
        targetId: runId,
        ...(caps.maxTokens !== undefined || caps.maxCostUsd !== undefined ? { data: { ...caps } } : {}),
      });
      return tx.run.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true, currentRound: true } });
    },
    { timeout: 120_000 },
  );
}
