import type { Prisma } from "@/lib/generated/prisma/client";
import { withSqlTransaction, type SqlClient } from "@/lib/server/db/direct-sql";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import { contentHashOf } from "@/lib/seeds/content-hash";
import { signatureOfText } from "@/lib/evolution/duplicate-rule";
import { diversityFieldsForNewNode } from "@/lib/server/diversity/cache-node-diversity";
import type { EvolutionOutcome } from "./evolve-once";
import { advanceAfterStep, settleRun, settleRunIfIdle, WORKER_ERROR, type RunToAdvance } from "./advance-after-step";
import { applyDuplicateRule, type DuplicateRule } from "./judge-duplicate";
import { requestKeyOf } from "./step-key";

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

/**
 * Stores a step's child node and moves the run on, in one transaction: the
 * node is keyed by the step, so a rerun of a step that already finished
 * stores nothing twice.
 */
export async function completeStep(options: {
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
}): Promise<void> {
  const { step } = options;
  const metadata = {
    tokens: options.outcome.tokens,
    ...(options.redo ? { redoOf: options.redo.nodeId, redo: options.redo.kind } : {}),
  };
  // The new node's diversity row is written by the node's INSERT: parsed here, before the transaction. Its
  // signature is the duplicate rule's too: computed once for both.
  const signature = signatureOfText(options.outcome);
  const diversity = diversityFieldsForNewNode(options.outcome, signature);
  // Sent through pg, not Prisma's client (decision 0042): the step path's statements are most of a worker's.
  const stored = await withSqlTransaction(async (tx) => {
    const { outcome, siblingsLocked } = options.duplicateRule
      ? await applyDuplicateRule({
          tx,
          projectId: options.projectId,
          step,
          outcome: options.outcome,
          rule: options.duplicateRule,
          signature,
        })
      : { outcome: options.outcome, siblingsLocked: false };
    const id = uuid7();
    const contentHash = contentHashOf(outcome.instruction, outcome.input);
    const round = options.parentRound + 1;
    const [inserted] = await tx.$queryRaw<{ id: string; verdict: string }[]>`
      WITH n AS (
        INSERT INTO nodes (id, project_id, root_id, parent_id, round, instruction, input, output, metadata, content_hash,
                           run_id, operation, template_version, method_version_id, step_key, raw_reply, evolve_model,
                           answer_model, verdict, failed_rules, eliminator, difficulty)
        VALUES (${id}::uuid, ${options.projectId}::uuid, ${step.rootId}::uuid, ${step.parentId}::uuid, ${round},
                ${outcome.instruction}, ${outcome.input}, ${outcome.answer}, ${JSON.stringify(metadata)}::jsonb,
                ${contentHash}, ${step.runId}::uuid, ${step.operation}::"Operation",
                ${options.templateVersion}, ${options.methodVersionId}::uuid, ${step.stepKey}, ${outcome.rawReply},
                ${options.models.evolve}, ${options.models.answer},
                ${outcome.passed ? "passed" : "failed"}::"EliminatorVerdict", ${outcome.failedRules}::text[],
                ${JSON.stringify(outcome.eliminator)}::jsonb, ${outcome.difficulty})
        ON CONFLICT (step_key) DO NOTHING
        RETURNING id, verdict::text),
      d AS (
        INSERT INTO node_diversity (node_id, project_id, round, content_hash, verb, object, signature)
        SELECT n.id, ${options.projectId}::uuid, ${round}, ${contentHash}, ${diversity?.verb ?? null},
               ${diversity?.object ?? null}, decode(${diversity?.signature ?? ""}, 'base64')
        FROM n WHERE ${diversity !== null}
        ON CONFLICT (node_id) DO NOTHING)
      SELECT id, verdict FROM n`;
    // A rerun of a finished step finds the node it stored (as an annotator may have left it since).
    const child = inserted ?? (await storedChild(tx, step.stepKey));
    const keys = (["evolve", "answer", "judge", "difficulty"] as const).map((r) => requestKeyOf(step.stepKey, r));
    // One statement: the calls name their node, the step is done (if still open), and the run is read for what
    // comes next. finished_at is the moment of the statement (UTC, as Prisma writes it), not the transaction's start.
    const [marked] = await tx.$queryRaw<Array<RunToAdvance & { updated: number }>>`
      WITH calls AS (UPDATE llm_calls SET node_id = ${child.id}::uuid WHERE request_key = ANY(${keys}::text[])),
           done AS (
             UPDATE run_steps SET status = 'done'::"StepStatus", child_id = ${child.id}::uuid,
                    passed = ${child.verdict === "passed"}, finished_at = clock_timestamp() AT TIME ZONE 'UTC',
                    error = NULL, error_kind = NULL
             WHERE id = ${step.id}::uuid AND status IN ('pending', 'running')
             RETURNING id)
      SELECT (SELECT count(*)::int FROM done) AS updated, r.id, r.status::text AS status, r.mode::text AS mode,
             r.rounds, r.config, r.batch, r.current_round AS "currentRound"
      FROM runs r WHERE r.id = ${step.runId}::uuid`;
    if (!marked) throw new Error(`run ${step.runId} is gone`);
    // Settled after the commit unless this step left the run new open steps (advance-after-step.ts).
    const settle = marked.updated > 0 && !(await advanceAfterStep({ tx, step, run: marked, siblingsLocked })).created;
    return { settle };
  });
  if (stored.settle) await settleRunIfIdle(step.runId);
}

async function storedChild(tx: SqlClient, stepKey: string): Promise<{ id: string; verdict: string }> {
  const [child] = await tx.$queryRaw<{ id: string; verdict: string }[]>`
    SELECT id, verdict::text FROM nodes WHERE step_key = ${stepKey}`;
  if (!child) throw new Error(`the node of step ${stepKey} is gone`);
  return child;
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
