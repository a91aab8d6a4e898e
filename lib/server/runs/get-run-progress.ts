import { estimateRun } from "@/lib/evolution/estimate";
import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";
import { personLabel } from "@/lib/users/person-label";
import { parseRunConfig } from "./run-config";

export interface RoundProgress {
  round: number;
  expected: number;
  created: number;
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
  totals: { expected: number; finished: number; passed: number; eliminated: number; failedSteps: number; open: number };
  llm: {
    calls: number;
    errors: number;
    errorsByKind: Record<string, number>;
    promptTokens: number;
    completionTokens: number;
  };
  stepsPerMinute: number;
  etaSeconds: number | null;
  recentErrors: { at: string; message: string }[];
}

const n = (v: bigint | number | null) => Number(v ?? 0);

/** Everything the run page shows, in a handful of grouped queries; NotFoundError for an unknown run. */
export async function getRunProgress(options: { runId: string }): Promise<RunProgress> {
  const prisma = getPrisma();
  const run = isUuid(options.runId)
    ? await prisma.run.findUnique({
        where: { id: options.runId },
        include: { createdBy: { select: { name: true, email: true } } },
      })
    : null;
  if (!run) throw new NotFoundError("Unknown run.");
  const config = parseRunConfig(run.config);
  const [steps, rules, calls, errorKinds, rate, recentErrors] = await Promise.all([
    prisma.$queryRaw<{ round: number; status: string; passed: boolean | null; c: bigint }[]>`
      SELECT round, status::text, passed, count(*) AS c FROM run_steps WHERE run_id = ${run.id}::uuid GROUP BY 1, 2, 3`,
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
      select: { finishedAt: true, error: true },
    }),
  ]);
  const expectedPerRound = expectedSteps(config.seedCount, config.branching, run.rounds);
  const perRound: RoundProgress[] = Array.from({ length: run.rounds }, (_, i) => ({
    round: i + 1,
    expected: expectedPerRound[i],
    created: 0,
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
      passed: t.passed + r.passed,
      eliminated: t.eliminated + r.eliminated,
      failedSteps: t.failedSteps + r.failedSteps,
      open: t.open + r.pending + r.running,
    }),
    { expected: 0, finished: 0, passed: 0, eliminated: 0, failedSteps: 0, open: 0 },
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
    recentErrors: recentErrors.map((e) => ({ at: e.finishedAt?.toISOString() ?? "", message: e.error ?? "" })),
  };
}

/** Steps expected per round before any result is known (k = 1: one per lineage per round). */
function expectedSteps(seeds: number, k: number, rounds: number): number[] {
  const total = (r: number) => estimateRun({ seeds, rounds: r, k, judge: false }).evolutions;
  return Array.from({ length: rounds }, (_, i) => total(i + 1) - (i === 0 ? 0 : total(i)));
}
