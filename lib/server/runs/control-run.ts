import type { RunStatus } from "@/lib/generated/prisma/client";
import { nextFrontier } from "@/lib/evolution/scheduling";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { enqueueStepJobs } from "@/lib/server/jobs/step-job";
import { settleRun } from "./advance-after-step";
import { createSteps } from "./create-steps";
import { parseRunConfig } from "./run-config";

export type RunCommand = "pause" | "resume" | "cancel" | "release";

const ALLOWED: Record<RunCommand, RunStatus[]> = {
  pause: ["running"],
  resume: ["paused"],
  cancel: ["queued", "running", "paused", "waiting_review"],
  release: ["waiting_review"],
};

/** Pause, resume, cancel, or (gated mode) release the next round of a run. */
export async function controlRun(options: { runId: string; command: RunCommand; actorId: string | null }) {
  const { runId, command } = options;
  return getPrisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run:${runId}`}))`;
      const run = await tx.run.findUnique({ where: { id: runId } });
      if (!run) throw new NotFoundError("That run no longer exists.");
      if (!ALLOWED[command].includes(run.status))
        throw new ConflictError(
          `A ${run.status.replace("_", " ")} run cannot be ${command === "release" ? "released" : `${command}d`}.`,
        );
      if (command === "pause") {
        await tx.run.update({ where: { id: runId }, data: { status: "paused" } });
      } else if (command === "cancel") {
        await tx.run.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
        await tx.runStep.updateMany({
          where: { runId, status: "pending" },
          data: { status: "cancelled", error: "run cancelled", finishedAt: new Date() },
        });
      } else if (command === "resume") {
        await tx.run.update({ where: { id: runId }, data: { status: "running" } });
        const pending = await tx.runStep.findMany({
          where: { runId, status: { in: ["pending", "running"] } },
          select: { id: true },
        });
        await enqueueStepJobs(
          tx,
          pending.map((s) => s.id),
        );
        await settleRun({ tx, runId });
      } else {
        const round = run.currentRound;
        const steps = await tx.runStep.findMany({
          where: { runId, round },
          select: { parentId: true, rootId: true, status: true, passed: true, childId: true },
        });
        const rejected = await tx.$queryRaw<{ id: string }[]>`
          SELECT n.id FROM nodes n WHERE n.human_status = 'rejected' AND n.id IN (
            SELECT parent_id FROM run_steps WHERE run_id = ${runId}::uuid AND round = ${round}
            UNION SELECT child_id FROM run_steps WHERE run_id = ${runId}::uuid AND round = ${round} AND child_id IS NOT NULL)`;
        const rootOf = new Map<string, string>();
        for (const s of steps) {
          rootOf.set(s.parentId, s.rootId);
          if (s.childId) rootOf.set(s.childId, s.rootId);
        }
        const frontier = nextFrontier({
          frontier: [...new Set(steps.map((s) => s.parentId))],
          steps: steps.map((s) => ({
            parentId: s.parentId,
            childId: s.childId,
            passed: s.status === "done" && s.passed === true,
          })),
          rejectedByHuman: new Set(rejected.map((r) => r.id)),
        });
        const created = await createSteps({
          tx,
          runId,
          config: parseRunConfig(run.config),
          round: round + 1,
          parents: frontier.map((id) => ({ id, rootId: rootOf.get(id)! })),
        });
        await tx.run.update({ where: { id: runId }, data: { status: "running", currentRound: round + 1 } });
        await enqueueStepJobs(tx, created);
        await settleRun({ tx, runId });
      }
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: `run.${command}`,
        targetType: "run",
        targetId: runId,
      });
      return tx.run.findUniqueOrThrow({ where: { id: runId }, select: { id: true, status: true, currentRound: true } });
    },
    { timeout: 120_000 },
  );
}
