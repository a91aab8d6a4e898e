import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import type { EvolutionOutcome } from "./evolve-once";
import { advanceAfterStep, settleRun, settleRunIfIdle, WORKER_ERROR } from "./advance-after-step";
import { completeStepsTogether } from "./complete-steps-together";
import type { DuplicateRule } from "./judge-duplicate";

export interface StepRow {
  id: string;
  runId: string;
  parentId: string;
  rootId: string;
  round: number;
  slot: number;
  stepKey: string;
  operation: Prisma.RunStepGetPayload<object>["operation"];
}

/** What completeStep stores: a step's outcome, with what the node records of its run. */
export interface CompleteStepOptions {
  step: StepRow;
  projectId: string;
  parentRound: number;
  outcome: EvolutionOutcome;
  models: { evolve: string; answer: string };
  templateVersion: string;
  methodVersionId: string;
  /** Set when the step redoes a node: the new sibling records which node and how. */
  redo?: { kind: string; nodeId: string };
  /** Set when the run's duplicate rule is on: judged here, where the node is stored (judge-duplicate.ts). */
  duplicateRule?: DuplicateRule | null;
  /** The step may move its lineage on (a continuous run short of its last round): its parent's slots are checked. */
  advances: boolean;
}

/**
 * Stores a step's child node and moves the run on, in one transaction: the
 * node is keyed by the step, so a rerun of a step that already finished
 * stores nothing twice. The store of many steps at once
 * (complete-steps-together.ts) with one step in it.
 */
export function completeStep(options: CompleteStepOptions): Promise<void> {
  return completeStepsTogether([options]);
}

/**
 * A step whose LLM calls kept failing: recorded with its reason (the provider's
 * text, for admins) and its kind (rate_limit, ...: what annotators see), and
 * treated like an elimination.
 */
export async function failStep(options: { step: StepRow; reason: string; kind: string | null }): Promise<void> {
  const settle = await getPrisma().$transaction(async (tx) => {
    if (!(await markFailed({ tx, stepId: options.step.id, reason: options.reason, kind: options.kind }))) return false;
    return !(await advanceAfterStep({ tx, step: options.step })).created;
  });
  if (settle) await settleRunIfIdle(options.step.runId);
}

/**
 * A step that failed for a reason that is not the LLM's (a worker without the
 * run's endpoint configured, a job out of retries, a bug): failed with the
 * reason, but its lineage does not move on as for an elimination; once
 * nothing else is open the run stalls (settleRun) until an admin retries it.
 */
export async function stallStep(options: { step: Pick<StepRow, "id" | "runId">; reason: string }): Promise<boolean> {
  return getPrisma().$transaction(async (tx) => {
    const failed = await markFailed({ tx, stepId: options.step.id, reason: options.reason, kind: WORKER_ERROR });
    if (failed) await settleRun({ tx, runId: options.step.runId });
    return failed;
  });
}

/** A step that will not run (its parent was rejected by a person, or the run was cancelled). */
export async function closeStep(options: {
  step: StepRow;
  status: "skipped" | "cancelled";
  reason: string;
}): Promise<void> {
  const settle = await getPrisma().$transaction(async (tx) => {
    const updated = await tx.runStep.updateMany({
      where: { id: options.step.id, status: { in: ["pending", "running"] } },
      data: { status: options.status, passed: false, error: options.reason, finishedAt: new Date() },
    });
    if (updated.count === 0) return false;
    return !(await advanceAfterStep({ tx, step: options.step })).created;
  });
  if (settle) await settleRunIfIdle(options.step.runId);
}

/** Fails a step still open, with its reason; whether it was (a step already settled stays as it was). */
async function markFailed(options: {
  tx: Prisma.TransactionClient;
  stepId: string;
  reason: string;
  kind: string | null;
}): Promise<boolean> {
  const updated = await options.tx.runStep.updateMany({
    where: { id: options.stepId, status: { in: ["pending", "running"] } },
    data: {
      status: "failed",
      passed: false,
      error: options.reason.slice(0, 2000),
      errorKind: options.kind,
      finishedAt: new Date(),
    },
  });
  return updated.count > 0;
}
