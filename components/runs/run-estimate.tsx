"use client";

import { Card } from "@/components/ui/card";
import { estimateCost, estimateRun } from "@/lib/evolution/estimate";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

export type ModelPrices = Record<string, { promptPerMillion: number; completionPerMillion: number }>;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export function RunEstimate({ seedCount, prices }: { seedCount: number; prices: ModelPrices }) {
  const { values } = useRunFormStore();
  const limit = Number(values.seedLimit);
  const seeds = limit > 0 ? Math.min(seedCount, limit) : seedCount;
  const filtered = values.seedQuery.trim() !== "";
  const estimate = estimateRun({
    seeds,
    rounds: Math.max(1, values.rounds || 1),
    k: Math.max(1, values.branching || 1),
    scoreDifficulty: values.scoreDifficulty,
    judge: values.rules.no_information_gain,
  });
  const price = prices[values.models.answer] ?? prices[values.models.evolve];
  const cost = values.endpoint === "openai" && price ? estimateCost(estimate.tokens, price) : null;
  return (
    <Card title="Estimate">
      <dl className="space-y-1 text-sm" data-testid="run-estimate">
        <Row label={filtered ? "Seeds (at most)" : "Seeds"} value={fmt(seeds)} />
        <Row label="Evolutions" value={fmt(estimate.evolutions)} />
        <Row label="LLM calls" value={fmt(estimate.calls.total)} testId="estimate-calls" />
        <Row
          label="· evolve / answer / judge"
          value={`${fmt(estimate.calls.evolve)} / ${fmt(estimate.calls.answer)} / ${fmt(estimate.calls.judge)}`}
        />
        {estimate.calls.difficulty ? <Row label="· difficulty" value={fmt(estimate.calls.difficulty)} /> : null}
        <Row
          label="Tokens (prompt + completion)"
          value={`${fmt(estimate.tokens.prompt)} + ${fmt(estimate.tokens.completion)}`}
        />
        <Row
          label="Cost"
          value={
            values.endpoint === "simulator"
              ? "free (simulator)"
              : cost !== null
                ? `≈ $${cost.toFixed(2)}`
                : "set LLM_PRICES to see it"
          }
        />
      </dl>
      <p className="mt-2 text-xs text-zinc-500">
        Assumes 75% of evolutions pass; failed ones are retried on the parent next round.
      </p>
    </Card>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
