"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { controlRunAction } from "@/lib/actions/runs/control-run";
import type { RunBudgetProgress } from "@/lib/server/runs/get-run-progress";

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const usd = (n: number) => `$${n.toFixed(4)}`;
const percent = (part: number, whole: number) => `${Math.min(999, Math.floor((part / whole) * 100))}%`;

/** A capped run's spend against its cap and, once it stopped there, the form that raises the cap and resumes. */
export function RunBudgetCard(props: {
  runId: string;
  status: string;
  budget: RunBudgetProgress;
  canControl: boolean;
  onChange: (status: string) => void;
}) {
  const { budget } = props;
  const stopped = props.status === "budget_reached";
  return (
    <Card title="Spending cap">
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        {budget.maxTokens !== null ? (
          <Meter
            label="Tokens"
            testId="budget-tokens"
            spent={budget.spentTokens}
            cap={budget.maxTokens}
            text={`${fmt(budget.spentTokens)} of ${fmt(budget.maxTokens)}`}
          />
        ) : null}
        {budget.maxCostUsd !== null ? (
          <Meter
            label="Cost"
            testId="budget-cost"
            spent={budget.spentCostUsd}
            cap={budget.maxCostUsd}
            text={`${usd(budget.spentCostUsd)} of ${usd(budget.maxCostUsd)}`}
          />
        ) : null}
      </dl>
      <ul className="mt-3 space-y-1 text-xs text-zinc-600">
        {budget.inFlightTokens > 0 ? (
          <li>
            In flight now (held at worst case): {fmt(budget.inFlightTokens)} tokens
            {budget.maxCostUsd !== null ? `, ${usd(budget.inFlightCostUsd)}` : ""}.
          </li>
        ) : null}
        {budget.stop ? (
          <li data-testid="budget-stop">
            Cap reached at {new Date(budget.stop.at).toLocaleTimeString("en-GB")}: {fmt(budget.stop.spentTokens)} tokens
            {budget.maxCostUsd !== null ? ` (${usd(budget.stop.spentCostUsd)})` : ""} spent and{" "}
            {fmt(budget.stop.inFlightTokens)}
            {budget.maxCostUsd !== null ? ` (${usd(budget.stop.inFlightCostUsd)})` : ""} in flight; the next call could
            have used up to {fmt(budget.stop.nextCallTokens)} tokens
            {budget.maxCostUsd !== null ? ` (${usd(budget.stop.nextCallCostUsd)})` : ""}, so it was not sent.
          </li>
        ) : null}
        <li data-testid="budget-overshoot">
          Overshoot:{" "}
          {budget.overshootTokens > 0 || budget.overshootCostUsd > 0
            ? [
                budget.overshootTokens > 0 ? `${fmt(budget.overshootTokens)} tokens` : null,
                budget.overshootCostUsd > 0 ? usd(budget.overshootCostUsd) : null,
              ]
                .filter(Boolean)
                .join(", ") + " over the cap"
            : "none"}
          .
        </li>
      </ul>
      {stopped && props.canControl ? (
        <RaiseCapForm runId={props.runId} budget={budget} onChange={props.onChange} />
      ) : null}
    </Card>
  );
}

function Meter(props: { label: string; testId: string; spent: number; cap: number; text: string }) {
  const width = Math.min(100, (props.spent / props.cap) * 100);
  return (
    <div>
      <dt className="text-xs text-zinc-500">{props.label}</dt>
      <dd className="font-semibold tabular-nums" data-testid={props.testId}>
        {props.text} <span className="font-normal text-zinc-500">({percent(props.spent, props.cap)})</span>
      </dd>
      <div className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-100">
        <div className="h-full bg-amber-500" style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}

/** New caps for a budget-stopped run: prefilled with twice the old cap, at least enough for its next call. */
function RaiseCapForm(props: { runId: string; budget: RunBudgetProgress; onChange: (status: string) => void }) {
  const router = useRouter();
  const { budget } = props;
  const [maxTokens, setMaxTokens] = useState(
    budget.maxTokens === null ? "" : String(Math.max(budget.needed.tokens, budget.maxTokens * 2)),
  );
  const [maxCostUsd, setMaxCostUsd] = useState(
    budget.maxCostUsd === null
      ? ""
      : String(Math.ceil(Math.max(budget.needed.costUsd, budget.maxCostUsd * 2) * 10_000) / 10_000),
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="mt-4 space-y-3 border-t border-zinc-100 pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await controlRunAction({
            runId: props.runId,
            command: "resume",
            ...(budget.maxTokens !== null ? { maxTokens: Number(maxTokens) } : {}),
            ...(budget.maxCostUsd !== null ? { maxCostUsd: Number(maxCostUsd) } : {}),
          });
          if (!result.ok) return setError(result.error);
          setError(null);
          props.onChange(result.data.status);
          router.refresh();
        });
      }}
    >
      <p className="text-sm text-zinc-700">Raise the cap to resume: the waiting steps go on from where they stopped.</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {budget.maxTokens !== null ? (
          <Field label="New token cap" hint={`At least ${fmt(budget.needed.tokens)}.`}>
            <Input
              type="number"
              min={1}
              step={1}
              value={maxTokens}
              onChange={(e) => setMaxTokens(e.currentTarget.value)}
              aria-label="New token cap"
            />
          </Field>
        ) : null}
        {budget.maxCostUsd !== null ? (
          <Field label="New cost cap (USD)" hint={`At least ${usd(budget.needed.costUsd)}.`}>
            <Input
              type="number"
              min={0.0001}
              step="any"
              value={maxCostUsd}
              onChange={(e) => setMaxCostUsd(e.currentTarget.value)}
              aria-label="New cost cap in USD"
            />
          </Field>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Resuming…" : "Raise cap and resume"}
      </Button>
    </form>
  );
}
