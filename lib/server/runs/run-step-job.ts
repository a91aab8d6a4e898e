import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { getEnv } from "@/lib/server/config/env";
import { DatabaseWasAwayError, isDatabaseUnreachable, withDatabaseRetry } from "@/lib/server/db/database-health";
import { directSql } from "@/lib/server/db/direct-sql";
import { getPrisma } from "@/lib/server/db/prisma";
import { withNamedStatements } from "@/lib/server/db/statement-names";
import { LlmCallFailedError, type StoredCall } from "@/lib/server/llm/call-llm";
import { loadMethodTexts } from "@/lib/server/methods/load-method-texts";
import { resolveEndpoint, type LlmEndpoint } from "@/lib/server/llm/endpoints";
import { FINISHED_STEP } from "./advance-after-step";
import { closeStep, failStep, stallStep, type StepRow } from "./complete-step";
import { evolveOnce } from "./evolve-once";
import { duplicateRuleOf } from "./judge-duplicate";
import { parseRunConfig } from "./run-config";
import { BudgetReachedError, settleStepLeftovers, stepBudget } from "./run-budget";
import { loadStep, storedCalls, type StoredCallRow } from "./load-step";
import { requestKeysOfStep } from "./step-key";
import { storeFinishedStep } from "./step-store-queue";

// A run in one of these keeps its open steps for later: they are queued again on resume or release.
const WAITING_RUN = ["paused", "waiting_review", "queued", "budget_reached"];

/**
 * The queue's job: one evolution step. Safe to run any number of times; a
 * finished step is a no-op, stored LLM results are reused, and a paused run's
 * steps wait to be queued again on resume. A capped run's step whose next
 * call does not fit the cap waits the same way (it is not failed).
 */
export function runStepJob(payload: { stepId: string }, job: { signal?: AbortSignal } = {}): Promise<void> {
  // The step path's statements are reads and writes by key: prepared once per connection (decision 0041).
  return withNamedStatements(() => runStep(payload, job));
}

async function runStep(payload: { stepId: string }, job: { signal?: AbortSignal }): Promise<void> {
  const prisma = getPrisma();
  const loaded = await loadStep(payload.stepId);
  if (!loaded) return;
  const { step, run, parent, started } = loaded;
  const { capped } = run;
  // One job per step runs at a time, so anything an earlier attempt still holds was left by a dead worker.
  if (capped) await settleStepLeftovers({ stepId: step.id });
  if (FINISHED_STEP.includes(step.status)) return;
  if (WAITING_RUN.includes(run.status)) return;
  if (run.status !== "running") return closeStep({ step, status: "cancelled", reason: `run is ${run.status}` });
  if (parent.humanStatus === "rejected")
    return closeStep({ step, status: "skipped", reason: "the parent was rejected by an annotator" });

  // Started by loadStep's statement, unless the run is capped (its leftovers are settled first, above).
  const { attempts, stored } = started ?? (await startAttempt(step));
  const config = parseRunConfig(run.config);
  // The settings, read once for the step (getEnv reads every variable to notice a change: ~30 µs a time).
  const env = getEnv();
  let endpoint: LlmEndpoint;
  try {
    endpoint = await resolveEndpoint(config.endpoint, env);
  } catch (error) {
    // This worker cannot reach the run's endpoint at all: asking again will not help until it is set up.
    const why = error instanceof Error ? error.message : String(error);
    await stallStep({ step, reason: `The worker has no endpoint for this run (${config.endpoint}): ${why}` });
    return;
  }
  try {
    const preset = config.redo?.kind === "re-answer" ? await reAnswerPreset(config.redo.nodeId) : undefined;
    const texts = await loadMethodTexts({ methodVersionId: run.methodVersionId });
    const outcome = await evolveOnce({
      runId: step.runId,
      stepKey: step.stepKey,
      operation: step.operation,
      parent,
      config,
      endpoint,
      preset,
      texts,
      budget: capped ? stepBudget({ runId: step.runId, stepId: step.id, prices: config.prices }) : undefined,
      signal: job.signal,
      storedCalls: stored,
      env,
    });
    // The replies are paid for: should the database be away, the node is stored once it is back. Stored with
    // the steps that finish at about the same time, in one transaction (step-store-queue.ts).
    await withDatabaseRetry(() =>
      storeFinishedStep(
        {
          step,
          projectId: run.projectId,
          parentRound: parent.round,
          outcome,
          models: { evolve: config.llm.evolve.model, answer: config.llm.answer.model },
          templateVersion: run.templateVersion ?? TEMPLATE_VERSION,
          methodVersionId: run.methodVersionId,
          redo: config.redo,
          duplicateRule: duplicateRuleOf(config),
          advances: run.mode === "continuous" && step.round < run.rounds,
        },
        env.EVOL_STORE_BATCH_MS,
      ),
    );
  } catch (error) {
    if (error instanceof BudgetReachedError) return parkStep({ step, payload });
    if (error instanceof LlmCallFailedError && (!error.failure.retryable || attempts >= env.EVOL_MAX_STEP_ATTEMPTS)) {
      return failStep({ step, reason: error.message, kind: error.failure.kind });
    }
    // Not the LLM's failure (a bug, a missing setting): retried like any job, then the step fails and the run
    // stalls. The database going away is not the step's failure either: the job is handed back and runs again.
    const databaseAway = error instanceof DatabaseWasAwayError || isDatabaseUnreachable(error);
    if (!(error instanceof LlmCallFailedError) && !databaseAway && attempts >= env.EVOL_MAX_STEP_ATTEMPTS) {
      const why = error instanceof Error ? error.message : String(error);
      await stallStep({ step, reason: `The step failed ${attempts} times on the worker: ${why}` });
      return;
    }
    await prisma.runStep.updateMany({
      where: { id: step.id, status: "running" },
      data: {
        status: "pending",
        ...(databaseAway ? { attempts: { decrement: 1 } } : {}),
        error: error instanceof Error ? error.message.slice(0, 2000) : String(error),
        errorKind: error instanceof LlmCallFailedError ? error.failure.kind : null,
      },
    });
    throw error;
  }
}

/**
 * Marks the step running (one more attempt) and reads the results its calls stored in earlier attempts, in one
 * statement: callLlm then looks none of them up one by one.
 */
async function startAttempt(step: StepRow): Promise<{ attempts: number; stored: Map<string, StoredCall> }> {
  const keys = requestKeysOfStep(step.stepKey);
  const rows = await directSql().$queryRaw<Array<StoredCallRow & { attempts: number }>>`
    WITH s AS (
      UPDATE run_steps SET status = 'running'::"StepStatus", attempts = attempts + 1 WHERE id = ${step.id}::uuid
      RETURNING attempts)
    SELECT s.attempts, c.request_key, c.reply, c.prompt_tokens, c.completion_tokens, c.latency_ms
    FROM s LEFT JOIN llm_calls c ON c.request_key = ANY(${keys}::text[]) AND c.reply IS NOT NULL`;
  if (rows.length === 0) throw new Error(`run step ${step.id} is gone`);
  return { attempts: rows[0].attempts, stored: storedCalls(rows) };
}

/**
 * A step whose next call did not fit the cap goes back to waiting, uncounted
 * (its stored replies are reused when it runs again). Should the run have been
 * resumed meanwhile, its job is this one, so the step runs again now.
 */
async function parkStep(options: { step: StepRow; payload: { stepId: string } }): Promise<void> {
  const prisma = getPrisma();
  const { step } = options;
  await prisma.runStep.updateMany({
    where: { id: step.id, status: "running" },
    data: { status: "pending", attempts: { decrement: 1 }, error: null, errorKind: null },
  });
  const { status } = await prisma.run.findUniqueOrThrow({ where: { id: step.runId }, select: { status: true } });
  if (status === "running") return runStepJob(options.payload);
  if (!WAITING_RUN.includes(status)) await closeStep({ step, status: "cancelled", reason: `run is ${status}` });
}

/** The instruction a re-answer keeps: the source node's, as it stands now (an annotator's edit included). */
async function reAnswerPreset(nodeId: string) {
  const source = await getPrisma().node.findUniqueOrThrow({
    where: { id: nodeId },
    select: { instruction: true, input: true, rawReply: true },
  });
  return { instruction: source.instruction, input: source.input, rawReply: source.rawReply ?? source.instruction };
}
