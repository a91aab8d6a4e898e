"use client";

import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ConcurrencyLine } from "./concurrency-line";
import { EndpointWaitNotice } from "./endpoint-wait-notice";
import { RoundBars } from "./round-bars";
import { RunBatchesCard } from "./run-batches-card";
import { RunBudgetCard } from "./run-budget-card";
import { RunControls } from "./run-controls";
import type { RunPageProgress } from "./run-page-progress";
import { RunStalledNotice } from "./run-stalled-notice";
import { startedByText } from "./started-by";
import { RULE_TEXT } from "@/lib/evolution/rule-text";

const ACTIVE = new Set(["queued", "running", "paused", "waiting_review", "budget_reached", "stalled"]);
const fmt = (n: number) => n.toLocaleString("en-US");

function duration(seconds: number) {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function RunProgressView({ initial, canControl }: { initial: RunPageProgress; canControl: boolean }) {
  const [progress, setProgress] = useState(initial);
  const [stale, setStale] = useState(false);
  useEffect(() => {
    if (!ACTIVE.has(progress.status)) return;
    const timer = setTimeout(
      async () => {
        try {
          const response = await fetch(`/api/runs/${progress.id}/progress`, { cache: "no-store" });
          if (!response.ok) throw new Error(String(response.status));
          setProgress((await response.json()) as RunPageProgress);
          setStale(false);
        } catch {
          setStale(true);
          setProgress((p) => ({ ...p }));
        }
      },
      // A batch-mode run moves when a batch ends, minutes to hours apart: every few seconds is soon enough.
      progress.status === "running" && !progress.batches ? 1000 : 3000,
    );
    return () => clearTimeout(timer);
  }, [progress]);

  const { totals, llm } = progress;
  const percent = totals.expected ? Math.min(100, Math.floor((totals.finished / totals.expected) * 100)) : 0;
  const byRule = progress.perRound.reduce<Record<string, number>>((acc, r) => {
    for (const [rule, c] of Object.entries(r.failedByRule)) acc[rule] = (acc[rule] ?? 0) + c;
    return acc;
  }, {});
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{progress.name || `Run ${progress.id.slice(-8)}`}</h1>
          <p className="text-sm text-zinc-500">
            {progress.rounds} rounds · {progress.mode} ·{" "}
            {progress.batches ? <span data-testid="run-batch-mode">Batch API · </span> : null}
            {progress.endpointLabel} · <span data-testid="run-started-by">{startedByText(progress.startedBy)}</span>
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Badge
            tone={
              progress.status === "completed"
                ? "green"
                : progress.status === "cancelled" || progress.status === "failed"
                  ? "red"
                  : progress.status === "running"
                    ? "indigo"
                    : "amber"
            }
          >
            <span data-testid="run-status">{progress.status.replace("_", " ")}</span>
          </Badge>
          {canControl ? (
            <RunControls
              runId={progress.id}
              status={progress.status}
              currentRound={progress.currentRound}
              rounds={progress.rounds}
              onChange={(status) => setProgress((p) => ({ ...p, status }))}
            />
          ) : null}
        </div>
      </div>
      {stale ? <p className="text-xs text-amber-700">Lost contact with the server; retrying…</p> : null}
      {progress.stalled ? (
        <RunStalledNotice
          runId={progress.id}
          status={progress.status}
          stalled={progress.stalled}
          canRetry={canControl}
          onRetried={() => setProgress((p) => ({ ...p, status: "running", stalled: null }))}
        />
      ) : null}
      {progress.endpointWait ? <EndpointWaitNotice wait={progress.endpointWait} /> : null}
      <ConcurrencyLine limits={progress.concurrency ?? []} />
      {progress.budget ? (
        <RunBudgetCard
          runId={progress.id}
          status={progress.status}
          budget={progress.budget}
          canControl={canControl}
          onChange={(status) => setProgress((p) => ({ ...p, status }))}
        />
      ) : null}
      <Card>
        <div className="flex items-baseline justify-between text-sm">
          <span className="font-medium">
            <span data-testid="run-percent">{percent}</span>% · {fmt(totals.finished)} of ~{fmt(totals.expected)} steps
            ended
          </span>
          <span className="text-zinc-500">
            {progress.etaSeconds !== null ? `about ${duration(progress.etaSeconds)} left · ` : ""}
            {fmt(progress.stepsPerMinute)} / min
          </span>
        </div>
        <div
          className="mt-2 h-3 overflow-hidden rounded-full bg-zinc-100"
          role="progressbar"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label="Run progress"
        >
          <div className="h-full bg-indigo-500 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4 lg:grid-cols-8">
          {[
            ["Evolved", totals.evolved],
            ["Passed", totals.passed],
            ["Eliminated", totals.eliminated],
            ["Step errors", totals.failedSteps],
            ["Pending", totals.open],
            ["LLM calls", llm.calls],
            ["Call errors", llm.errors],
            ["Tokens", llm.promptTokens + llm.completionTokens],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-zinc-500">{label}</dt>
              <dd className="font-semibold tabular-nums" data-metric={label}>
                {fmt(Number(value))}
              </dd>
            </div>
          ))}
        </dl>
        {Object.keys(byRule).length ? (
          <p className="mt-3 text-xs text-zinc-600">
            Eliminated by rule:{" "}
            {Object.entries(byRule)
              .map(
                ([rule, c]) =>
                  `${RULE_TEXT[rule as keyof typeof RULE_TEXT]?.label ?? rule.replaceAll("_", " ")} ${fmt(c)}`,
              )
              .join(" · ")}
          </p>
        ) : null}
        {Object.keys(llm.errorsByKind).length ? (
          <p className="mt-1 text-xs text-zinc-600">
            Call errors (retried):{" "}
            {Object.entries(llm.errorsByKind)
              .map(([k, c]) => `${k.replace("_", " ")} ${fmt(c)}`)
              .join(" · ")}
          </p>
        ) : null}
      </Card>
      {progress.batches ? <RunBatchesCard batches={progress.batches} /> : null}
      <RoundBars rounds={progress.perRound} currentRound={progress.mode === "gated" ? progress.currentRound : null} />
      {progress.recentErrors.length ? (
        <Card title="Steps that failed after retries">
          <ul className="space-y-1 text-xs text-zinc-700">
            {progress.recentErrors.map((e, i) => (
              <li key={i}>
                <span className="text-zinc-400">{e.at.slice(11, 19)}</span> {e.message}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
