// How runs look in the REST API (/api/v1): snake_case, ISO times, the status
// in the run page's words. The schemas describe the answers in the OpenAPI
// document (lib/api/openapi.ts).
import { z } from "zod";
import type { RunStatus } from "@/lib/generated/prisma/client";
import { RULES } from "@/lib/evolution/eliminator";
import { OPERATIONS } from "@/lib/evolution/operations";
import type { RunCosts } from "@/lib/server/runs/get-run-costs";
import type { RunProgress } from "@/lib/server/runs/get-run-progress";
import type { RunPageRow } from "@/lib/server/runs/list-runs-page";
import type { RunRecord } from "@/lib/server/runs/get-run-record";

/** A run's status as the run page and the runs list show it (components/runs/run-progress-view.tsx). */
export const RUN_STATUS_TEXT = {
  queued: "queued",
  running: "running",
  paused: "paused",
  waiting_review: "waiting review",
  completed: "completed",
  cancelled: "cancelled",
  failed: "failed",
  budget_reached: "budget reached",
  stalled: "stalled",
} as const satisfies Record<RunStatus, string>;

const runStatusSchema = z
  .enum(Object.values(RUN_STATUS_TEXT) as [string, ...string[]])
  .describe(
    "As the run page shows it. `waiting review`: a gated run waits for its round to be reviewed and released; " +
      "`budget reached`: stopped at its spending cap (resume with higher caps); `stalled`: steps failed on a worker " +
      "(retry them).",
  );

const statusText = (status: string) => RUN_STATUS_TEXT[status as RunStatus] ?? status.replaceAll("_", " ");
const iso = (at: Date | null) => at?.toISOString() ?? null;
const models = z.object({ evolve: z.string(), answer: z.string(), judge: z.string(), difficulty: z.string() });

export const runJsonSchema = z.object({
  id: z.uuid(),
  project_id: z.uuid(),
  name: z.string(),
  status: runStatusSchema,
  created_at: z.iso.datetime(),
  started_at: z.iso.datetime().nullable(),
  /** The options as the run stored them, defaults filled in. */
  options: z.object({
    rounds: z.int(),
    mode: z.enum(["continuous", "gated"]),
    seed_query: z.string(),
    seed_limit: z.int().nullable(),
    seed_count: z.int().describe("The seeds the run started from."),
    branching: z.int(),
    weights: z.record(z.enum(OPERATIONS), z.number()).describe("Normalized to sum to 1."),
    rules: z.partialRecord(z.enum(RULES), z.boolean()),
    duplicate_threshold: z.number().nullable(),
    score_difficulty: z.boolean(),
    endpoint: z.enum(["openai", "simulator"]),
    endpoint_label: z.string(),
    batch: z.boolean(),
    models,
    max_tokens: z.int().nullable(),
    max_cost_usd: z.number().nullable(),
    method: z.string(),
    method_version: z.int(),
  }),
});

export function runJson(run: RunRecord): z.output<typeof runJsonSchema> {
  const { config } = run;
  return {
    id: run.id,
    project_id: run.projectId,
    name: config.name,
    status: statusText(run.status),
    created_at: run.createdAt.toISOString(),
    started_at: iso(run.startedAt),
    options: {
      rounds: run.rounds,
      mode: run.mode,
      seed_query: config.seedQuery,
      seed_limit: config.seedLimit,
      seed_count: config.seedCount,
      branching: config.branching,
      weights: config.weights as Record<(typeof OPERATIONS)[number], number>,
      rules: config.rules,
      duplicate_threshold: config.duplicateThreshold ?? null,
      score_difficulty: config.scoreDifficulty,
      endpoint: config.endpoint,
      endpoint_label: config.endpointLabel,
      batch: run.batch,
      models: {
        evolve: config.llm.evolve.model,
        answer: config.llm.answer.model,
        judge: config.llm.judge.model,
        difficulty: config.llm.difficulty.model,
      },
      max_tokens: run.maxTokens,
      max_cost_usd: run.maxCostUsd,
      method: run.method,
      method_version: run.methodVersion,
    },
  };
}

export const runListItemJsonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: runStatusSchema,
  mode: z.enum(["continuous", "gated"]),
  batch: z.boolean(),
  method: z.string().nullable().describe('"paper v1", …: the method version its prompts were made of.'),
  endpoint: z.string(),
  started_by: z.string().nullable().describe("Null: started from the command line, or by a deleted account."),
  created_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
  progress: z.object({
    rounds: z.int(),
    current_round: z.int(),
    steps: z.int().describe("Steps created so far."),
    finished: z.int(),
    passed: z.int(),
  }),
});

export function runListItemJson(run: RunPageRow): z.output<typeof runListItemJsonSchema> {
  return {
    id: run.id,
    name: run.name,
    status: statusText(run.status),
    mode: run.mode,
    batch: run.batch,
    method: run.method,
    endpoint: run.endpoint,
    started_by: run.startedBy,
    created_at: run.createdAt.toISOString(),
    finished_at: iso(run.finishedAt),
    progress: {
      rounds: run.rounds,
      current_round: run.currentRound,
      steps: run.steps,
      finished: run.finished,
      passed: run.passed,
    },
  };
}

export const runProgressJsonSchema = z.object({
  id: z.uuid(),
  project_id: z.uuid(),
  name: z.string(),
  status: runStatusSchema,
  mode: z.enum(["continuous", "gated"]),
  batch: z.boolean(),
  endpoint: z.string(),
  started_by: z.string().nullable(),
  rounds: z.object({
    total: z.int(),
    current: z.int(),
    done: z.int().describe("Rounds whose every step has finished."),
  }),
  steps: z.object({
    expected: z.int(),
    done: z.int().describe("Finished with a node (passed or eliminated)."),
    failed: z.int(),
    pending: z.int().describe("Queued or running."),
    running: z.int(),
    skipped: z.int().describe("Cancelled or skipped."),
  }),
  nodes: z.object({ made: z.int(), passed: z.int(), eliminated: z.int() }),
  llm: z.object({
    calls: z.int(),
    errors: z.int(),
    prompt_tokens: z.int(),
    completion_tokens: z.int(),
    tokens: z.int(),
    cost_usd: z.number().nullable().describe("Null when a model the run used has no price (LLM_PRICES)."),
  }),
  caps: z.object({
    max_tokens: z.int().nullable(),
    max_cost_usd: z.number().nullable(),
    spent_tokens: z.int(),
    spent_cost_usd: z.number(),
    needed: z
      .object({ tokens: z.int(), cost_usd: z.number() })
      .nullable()
      .describe("Set when the run stopped at its cap: the least the caps must be raised to, to resume."),
  }),
  steps_per_minute: z.number(),
  eta_seconds: z.int().nullable(),
  created_at: z.iso.datetime(),
  started_at: z.iso.datetime().nullable(),
  finished_at: z.iso.datetime().nullable(),
  stalled: z
    .object({
      failed_steps: z.int(),
      reasons: z.array(z.object({ reason: z.string(), steps: z.int() })),
      release: z.object({ round: z.int(), reason: z.string() }).nullable(),
    })
    .nullable()
    .describe(
      "Steps that failed on a worker (not the LLM's fault) and wait for a retry, and why; the run is `stalled` once " +
        "nothing else is left. Null when there are none.",
    ),
  endpoint_wait: z
    .object({ since: z.iso.datetime(), held_calls: z.int() })
    .nullable()
    .describe("Set while the LLM endpoint does not answer and the run's calls wait for it."),
});

export function runProgressJson(progress: RunProgress, costs: RunCosts): z.output<typeof runProgressJsonSchema> {
  const sum = (of: (r: RunProgress["perRound"][number]) => number) =>
    progress.perRound.reduce((total, r) => total + of(r), 0);
  const finishedRound = (r: RunProgress["perRound"][number]) =>
    r.created > 0 && r.pending + r.running === 0 && r.created >= r.expected;
  const { budget, stalled, totals, llm } = progress;
  return {
    id: progress.id,
    project_id: progress.projectId,
    name: progress.name,
    status: statusText(progress.status),
    mode: progress.mode as "continuous" | "gated",
    batch: progress.batch,
    endpoint: progress.endpointLabel,
    started_by: progress.startedBy,
    rounds: {
      total: progress.rounds,
      current: progress.currentRound,
      done: progress.status === "completed" ? progress.rounds : progress.perRound.filter(finishedRound).length,
    },
    steps: {
      expected: totals.expected,
      done: totals.passed + totals.eliminated,
      failed: totals.failedSteps,
      pending: totals.open,
      running: sum((r) => r.running),
      skipped: sum((r) => r.skipped),
    },
    nodes: { made: totals.evolved, passed: totals.passed, eliminated: totals.eliminated },
    llm: {
      calls: llm.calls,
      errors: llm.errors,
      prompt_tokens: llm.promptTokens,
      completion_tokens: llm.completionTokens,
      tokens: llm.promptTokens + llm.completionTokens,
      cost_usd: costs.total.costUsd,
    },
    caps: {
      max_tokens: budget?.maxTokens ?? null,
      max_cost_usd: budget?.maxCostUsd ?? null,
      spent_tokens: budget?.spentTokens ?? llm.promptTokens + llm.completionTokens,
      spent_cost_usd: budget?.spentCostUsd ?? costs.total.costUsd ?? 0,
      needed:
        budget && progress.status === "budget_reached"
          ? { tokens: budget.needed.tokens, cost_usd: budget.needed.costUsd }
          : null,
    },
    steps_per_minute: progress.stepsPerMinute,
    eta_seconds: progress.etaSeconds,
    created_at: progress.createdAt,
    started_at: progress.startedAt,
    finished_at: progress.finishedAt,
    stalled: stalled ? { failed_steps: stalled.failed, reasons: stalled.reasons, release: stalled.release } : null,
    endpoint_wait: progress.endpointWait
      ? { since: progress.endpointWait.since, held_calls: progress.endpointWait.heldCalls }
      : null,
  };
}
