import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { getEnv } from "@/lib/server/config/env";
import { DatabaseWasAwayError, isDatabaseUnreachable, withDatabaseRetry } from "@/lib/server/db/database-health";
import type { StepStatus } from "@/lib/generated/prisma/client";
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

type StoredCallRow = {
  request_key: string | null;
  reply: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number | null;
};

type LoadedStepRow = StepRow &
  StoredCallRow & {
    status: StepStatus;
    runStatus: string;
    runMode: string;
    runRounds: number;
    config: unknown;
    projectId: string;
    templateVersion: string | null;
    methodVersionId: string;
    capped: boolean;
    instruction: string;
    input: string;
    parentRound: number;
    humanStatus: string;
    startedAttempts: number | null;
  };

/**
 * The step with its run's settings and its parent's text, in one statement; which also starts the step's attempt
 * (as startAttempt does) when it is to run now — still open, its run running and uncapped, its parent not rejected
 * by a person — and reads what its calls stored in earlier attempts. The request keys are requestKeyOf's.
 */
async function loadStep(stepId: string) {
  const rows = await directSql().$queryRaw<LoadedStepRow[]>`
    WITH s AS (
      SELECT s.id, s.run_id AS "runId", s.parent_id AS "parentId", s.root_id AS "rootId", s.round, s.slot,
             s.step_key AS "stepKey", s.operation::text AS operation, s.status::text AS status,
             r.status::text AS "runStatus", r.mode::text AS "runMode", r.rounds AS "runRounds", r.config,
             r.project_id AS "projectId",
             r.template_version AS "templateVersion", r.method_version_id AS "methodVersionId",
             (r.max_tokens IS NOT NULL OR r.max_cost_usd IS NOT NULL) AS capped,
             p.instruction, p.input, p.round AS "parentRound", p.human_status::text AS "humanStatus"
      FROM run_steps s JOIN runs r ON r.id = s.run_id JOIN nodes p ON p.id = s.parent_id
      WHERE s.id = ${stepId}::uuid),
    started AS (
      UPDATE run_steps t SET status = 'running'::"StepStatus", attempts = t.attempts + 1
      FROM s
      WHERE t.id = s.id AND s.status IN ('pending', 'running') AND s."runStatus" = 'running'
        AND s."humanStatus" <> 'rejected' AND NOT s.capped
      RETURNING t.attempts)
    SELECT s.*, started.attempts AS "startedAttempts",
           c.request_key, c.reply, c.prompt_tokens, c.completion_tokens, c.latency_ms
    FROM s LEFT JOIN started ON true
    LEFT JOIN llm_calls c ON started.attempts IS NOT NULL AND c.reply IS NOT NULL
      AND c.request_key IN (s."stepKey" || ':evolve', s."stepKey" || ':answer', s."stepKey" || ':judge',
                            s."stepKey" || ':difficulty')`;
  if (rows.length === 0) return null;
  const [row] = rows;
  const { runStatus, runMode, runRounds, config, projectId, templateVersion, methodVersionId, capped } = row;
  const { startedAttempts, instruction, input, parentRound, humanStatus } = row;
  const { id, runId, parentId, rootId, round, slot, stepKey, operation, status } = row;
  return {
    step: { id, runId, parentId, rootId, round, slot, stepKey, operation, status },
    run: {
      status: runStatus,
      mode: runMode,
      rounds: runRounds,
      config,
      projectId,
      templateVersion,
      methodVersionId,
      capped,
    },
    parent: { instruction, input, round: parentRound, humanStatus },
    started: startedAttempts === null ? null : { attempts: startedAttempts, stored: storedCalls(rows) },
  };
}

function storedCalls(rows: StoredCallRow[]): Map<string, StoredCall> {
  const stored = new Map<string, StoredCall>();
  for (const r of rows)
    if (r.request_key !== null)
      stored.set(r.request_key, {
        reply: r.reply,
        promptTokens: r.prompt_tokens,
        completionTokens: r.completion_tokens,
        latencyMs: r.latency_ms ?? 0,
      });
  return stored;
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
