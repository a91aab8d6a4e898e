import { estimateRun } from "@/lib/evolution/estimate";
import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";
import { getConcurrencyInUse, type ConcurrencyInUse } from "@/lib/server/llm/concurrency-limits";
import { getRunEndpointWait } from "@/lib/server/llm/endpoint-outages";
import { personLabel } from "@/lib/users/person-label";
import { getStalledSteps, type StalledSteps } from "./get-stalled-steps";
import { capsNeeded } from "./raise-run-caps";
import type { BudgetStop } from "./run-budget";
import { parseRunConfig } from "./run-config";

export interface RoundProgress {
  round: number;
  expected: number;
  created: number;
  /** Steps that stored a child node (passed or eliminated): evolutions that happened. */
  evolved: number;
  pending: number;
  running: number;
  passed: number;
  eliminated: number;
  failedSteps: number;
  skipped: number;
  failedByRule: Record<string, number>;
}

export interface RunProgress {
  id: string;
  projectId: string;
  status: string;
  mode: string;
  /** Sends its calls through the Batch API (docs/decisions/0022-batch-api-runs.md). */
  batch: boolean;
  rounds: number;
  currentRound: number;
  name: string;
  endpointLabel: string;
  /** Who started the run (and so caused its LLM calls); null: the command line, or a deleted account. */
  startedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  perRound: RoundProgress[];
  totals: {
    expected: number;
    finished: number;
    evolved: number;
    passed: number;
    eliminated: number;
    failedSteps: number;
    open: number;
  };
  llm: {
    calls: number;
    errors: number;
    errorsByKind: Record<string, number>;
    promptTokens: number;
    completionTokens: number;
  };
  stepsPerMinute: number;
  etaSeconds: number | null;
  /** Admins read the provider's text; annotators only its category (a provider's text can quote a key). */
  recentErrors: { at: string; kind: string | null; message: string }[];
  /** A capped run's spend against its cap; null for an uncapped run. */
  budget: RunBudgetProgress | null;
  /** Steps that failed on their worker, waiting for a retry (lib/server/runs/get-stalled-steps.ts). */
  stalled: StalledSteps | null;
  /** Set while a worker's circuit breaker holds this run's calls because the LLM endpoint does not answer. */
  endpointWait: { since: string; heldCalls: number } | null;
  /** The adaptive concurrency limits for the run's models while it runs (lib/server/llm/concurrency-limits.ts). */
  concurrency: ConcurrencyInUse[];
}

export interface RunBudgetProgress {
  maxTokens: number | null;
  maxCostUsd: number | null;
  spentTokens: number;
  spentCostUsd: number;
  inFlightTokens: number;
  inFlightCostUsd: number;
  /** Spent beyond the cap (only a reply larger than its reservation could cause it). */
  overshootTokens: number;
  overshootCostUsd: number;
  /** Where the run last stopped at its cap (null: it never did). */
  stop: BudgetStop | null;
  /** The least each cap must be raised to for a budget-stopped run to send its next call. */
  needed: { tokens: number; costUsd: number };
}

/** What annotators see instead of a provider's error text. */
export const ERROR_CATEGORY: Record<string, string> = {
  rate_limit: "rate limited",
  server_error: "server error",
  timeout: "timeout",
  connection: "connection failed",
  bad_request: "request refused",
  auth: "authentication failed",
  not_found: "model not found",
  unknown: "unknown error",
  worker: "worker error",
};

const n = (v: bigint | number | null) => Number(v ?? 0);

/**
 * Everything the run page shows, in a handful of grouped queries; NotFoundError for an unknown run.
 * Error texts from the provider go to admins only.
 */
export async function getRunProgress(options: {
  runId: string;
  viewer: { role: "admin" | "annotator" };
}): Promise<RunProgress> {
  const prisma = getPrisma();
  const run = isUuid(options.runId)
    ? await prisma.run.findUnique({
        where: { id: options.runId },
        include: { createdBy: { select: { name: true, email: true } } },
      })
    : null;
  if (!run) throw new NotFoundError("Unknown run.");
  const config = parseRunConfig(run.config);
  const [steps, rules, calls, errorKinds, rate, recentErrors, endpointWait, concurrency] = await Promise.all([
    prisma.$queryRaw<{ round: number; status: string; passed: boolean | null; evolved: bigint; c: bigint }[]>`
      SELECT round, status::text, passed, count(child_id) AS evolved, count(*) AS c
      FROM run_steps WHERE run_id = ${run.id}::uuid GROUP BY 1, 2, 3`,
    prisma.$queryRaw<{ round: number; rule: string; c: bigint }[]>`
      SELECT s.round, r.rule, count(*) AS c FROM run_steps s JOIN nodes n ON n.id = s.child_id
      CROSS JOIN LATERAL unnest(n.failed_rules) AS r(rule) WHERE s.run_id = ${run.id}::uuid GROUP BY 1, 2`,
    prisma.$queryRaw<{ calls: bigint; errors: bigint; pt: bigint | null; ct: bigint | null }[]>`
      SELECT count(*) AS calls, count(*) FILTER (WHERE outcome <> 'ok') AS errors,
             sum(prompt_tokens) AS pt, sum(completion_tokens) AS ct FROM llm_calls WHERE run_id = ${run.id}::uuid`,
    prisma.$queryRaw<{ kind: string; c: bigint }[]>`
      SELECT error_kind AS kind, count(*) AS c FROM llm_calls WHERE run_id = ${run.id}::uuid AND outcome <> 'ok' GROUP BY 1`,
    prisma.$queryRaw<{ c: bigint }[]>`
      SELECT count(*) AS c FROM run_steps WHERE run_id = ${run.id}::uuid AND finished_at > now() - interval '60 seconds'`,
    prisma.runStep.findMany({
      where: { runId: run.id, status: "failed" },
      orderBy: { finishedAt: "desc" },
      take: 5,
      select: { finishedAt: true, error: true, errorKind: true },
    }),
    run.status === "running" ? getRunEndpointWait(run.id) : null,
    run.status === "running" ? getConcurrencyInUse([...new Set(Object.values(config.llm).map((r) => r.model))]) : [],
  ]);
  const expectedPerRound = expectedSteps(config.seedCount, config.branching, run.rounds);
  const perRound: RoundProgress[] = Array.from({ length: run.rounds }, (_, i) => ({
    round: i + 1,
    expected: expectedPerRound[i],
    created: 0,
    evolved: 0,
    pending: 0,
    running: 0,
    passed: 0,
    eliminated: 0,
    failedSteps: 0,
    skipped: 0,
    failedByRule: {},
  }));
  for (const row of steps) {
    const r = perRound[row.round - 1];
    if (!r) continue;
    const c = n(row.c);
    r.created += c;
    r.evolved += n(row.evolved);
    if (row.status === "pending") r.pending += c;
    else if (row.status === "running") r.running += c;
    else if (row.status === "done" && row.passed) r.passed += c;
    else if (row.status === "done") r.eliminated += c;
    else if (row.status === "failed") r.failedSteps += c;
    else r.skipped += c;
  }
  for (const row of rules) {
    const r = perRound[row.round - 1];
    if (r) r.failedByRule[row.rule] = n(row.c);
  }
  const totals = perRound.reduce(
    (t, r) => ({
      expected: t.expected + Math.max(r.expected, r.created),
      finished: t.finished + r.passed + r.eliminated + r.failedSteps + r.skipped,
      evolved: t.evolved + r.evolved,
      passed: t.passed + r.passed,
      eliminated: t.eliminated + r.eliminated,
      failedSteps: t.failedSteps + r.failedSteps,
      open: t.open + r.pending + r.running,
    }),
    { expected: 0, finished: 0, evolved: 0, passed: 0, eliminated: 0, failedSteps: 0, open: 0 },
  );
  // Steps finished in the last minute, scaled when the run is younger than that.
  const windowSeconds = Math.min(60, Math.max(1, (Date.now() - (run.startedAt ?? run.createdAt).getTime()) / 1000));
  const stepsPerMinute = Math.round((n(rate[0]?.c ?? 0) / windowSeconds) * 60);
  const remaining = Math.max(totals.open, totals.expected - totals.finished);
  const active = run.status === "running";
  return {
    id: run.id,
    projectId: run.projectId,
    status: run.status,
    mode: run.mode,
    batch: run.batch,
    rounds: run.rounds,
    currentRound: run.currentRound,
    name: config.name,
    endpointLabel: config.endpointLabel,
    startedBy: run.createdBy ? personLabel(run.createdBy) : null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    perRound,
    totals,
    llm: {
      calls: n(calls[0]?.calls ?? 0),
      errors: n(calls[0]?.errors ?? 0),
      errorsByKind: Object.fromEntries(errorKinds.map((e) => [e.kind ?? "unknown", n(e.c)])),
      promptTokens: n(calls[0]?.pt ?? 0),
      completionTokens: n(calls[0]?.ct ?? 0),
    },
    stepsPerMinute,
    etaSeconds: active && stepsPerMinute > 0 ? Math.round((remaining / stepsPerMinute) * 60) : null,
    recentErrors: recentErrors.map((e) => ({
      at: e.finishedAt?.toISOString() ?? "",
      kind: e.errorKind,
      message:
        options.viewer.role === "admin"
          ? (e.error ?? "")
          : `Step failed: ${ERROR_CATEGORY[e.errorKind ?? "unknown"] ?? "error"}`,
    })),
    budget: budgetOf(run),
    stalled: await getStalledSteps({ runId: run.id, viewer: options.viewer }),
    endpointWait,
    concurrency,
  };
}

function budgetOf(
  run: Parameters<typeof capsNeeded>[0] & {
    maxTokens: bigint | null;
    maxCostUsd: { toNumber(): number } | null;
  },
): RunBudgetProgress | null {
  if (run.maxTokens === null && run.maxCostUsd === null) return null;
  const spentTokens = Number(run.spentTokens);
  const spentCostUsd = run.spentCostUsd.toNumber();
  const maxTokens = run.maxTokens === null ? null : Number(run.maxTokens);
  const maxCostUsd = run.maxCostUsd?.toNumber() ?? null;
  const needed = capsNeeded(run);
  return {
    maxTokens,
    maxCostUsd,
    spentTokens,
    spentCostUsd,
    inFlightTokens: Number(run.reservedTokens),
    inFlightCostUsd: run.reservedCostUsd.toNumber(),
    overshootTokens: maxTokens === null ? 0 : Math.max(0, spentTokens - maxTokens),
    overshootCostUsd: maxCostUsd === null ? 0 : Math.max(0, spentCostUsd - maxCostUsd),
    stop: (run.budgetStop as BudgetStop | null) ?? null,
    needed: { tokens: needed.tokens, costUsd: needed.costUsd.toNumber() },
  };
}

/** Steps expected per round before any result is known (k = 1: one per lineage per round). */
function expectedSteps(seeds: number, k: number, rounds: number): number[] {
  const total = (r: number) => estimateRun({ seeds, rounds: r, k, judge: false }).evolutions;
  return Array.from({ length: rounds }, (_, i) => total(i + 1) - (i === 0 ? 0 : total(i)));
}
