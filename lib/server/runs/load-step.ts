import type { StepStatus } from "@/lib/generated/prisma/client";
import { directSql } from "@/lib/server/db/direct-sql";
import { withNamedStatements } from "@/lib/server/db/statement-names";
import type { StoredCall } from "@/lib/server/llm/call-llm";
import type { StepRow } from "./complete-step";

export type StoredCallRow = {
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

export type LoadedStep = NonNullable<ReturnType<typeof loadedStep>>;

interface Waiting {
  stepId: string;
  resolve: (loaded: LoadedStep | null) => void;
  reject: (error: unknown) => void;
}

const loads = globalThis as unknown as { evolStepLoads?: { waiting: Waiting[]; scheduled: boolean } };

/**
 * The step with its run's settings and its parent's text; which also starts the step's attempt (as startAttempt
 * does) when it is to run now — still open, its run running and uncapped, its parent not rejected by a person —
 * and reads what its calls stored in earlier attempts. Null when the step is gone. A worker is handed several
 * jobs per fetch and starts them together: the steps asked for in one turn of the event loop are loaded by one
 * statement (decision 0053).
 */
export function loadStep(stepId: string): Promise<LoadedStep | null> {
  const state = (loads.evolStepLoads ??= { waiting: [], scheduled: false });
  return new Promise((resolve, reject) => {
    state.waiting.push({ stepId, resolve, reject });
    if (state.scheduled) return;
    state.scheduled = true;
    setImmediate(() => {
      state.scheduled = false;
      void withNamedStatements(() => loadWaiting(state.waiting.splice(0)));
    });
  });
}

async function loadWaiting(batch: Waiting[]): Promise<void> {
  try {
    const byStep = await loadSteps(batch.map((w) => w.stepId));
    for (const w of batch) w.resolve(byStep.get(w.stepId.toLowerCase()) ?? null);
  } catch (error) {
    for (const w of batch) w.reject(error);
  }
}

/** loadStep's statement for many steps. The request keys are requestKeyOf's. */
async function loadSteps(stepIds: string[]): Promise<Map<string, LoadedStep>> {
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
      WHERE s.id = ANY(${stepIds}::uuid[])),
    started AS (
      UPDATE run_steps t SET status = 'running'::"StepStatus", attempts = t.attempts + 1
      FROM s
      WHERE t.id = s.id AND s.status IN ('pending', 'running') AND s."runStatus" = 'running'
        AND s."humanStatus" <> 'rejected' AND NOT s.capped
      RETURNING t.id, t.attempts)
    SELECT s.*, started.attempts AS "startedAttempts",
           c.request_key, c.reply, c.prompt_tokens, c.completion_tokens, c.latency_ms
    FROM s LEFT JOIN started ON started.id = s.id
    LEFT JOIN llm_calls c ON started.attempts IS NOT NULL AND c.reply IS NOT NULL
      AND c.request_key IN (s."stepKey" || ':evolve', s."stepKey" || ':answer', s."stepKey" || ':judge',
                            s."stepKey" || ':difficulty')`;
  const byStep = new Map<string, LoadedStepRow[]>();
  for (const row of rows) {
    const stepRows = byStep.get(row.id);
    if (stepRows) stepRows.push(row);
    else byStep.set(row.id, [row]);
  }
  return new Map([...byStep].map(([id, stepRows]) => [id, loadedStep(stepRows)]));
}

function loadedStep(rows: LoadedStepRow[]) {
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

/** The results stored under a step's request keys, by key. */
export function storedCalls(rows: StoredCallRow[]): Map<string, StoredCall> {
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
