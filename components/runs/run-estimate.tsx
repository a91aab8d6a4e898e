"use client";

import { Card } from "@/components/ui/card";
import { estimateCost, estimateRun, runSizeProblem } from "@/lib/evolution/estimate";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

export type ModelPrices = Record<string, { promptPerMillion: number; completionPerMillion: number }>;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
// The estimate as a share of the cap, e.g. "estimate 140%".
const share = (estimate: number, cap: number) => `estimate ${Math.round((estimate / cap) * 100)}%`;

export function RunEstimate({
  seedCount,
  prices,
  maxRunSteps,
}: {
  seedCount: number;
  prices: ModelPrices;
  maxRunSteps: number;
}) {
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
  const tooLarge = runSizeProblem({
    evolutions: estimate.evolutions,
    maxSteps: maxRunSteps,
    seeds,
    rounds: Math.max(1, values.rounds || 1),
    k: Math.max(1, values.branching || 1),
  });
  const tokens = estimate.tokens.prompt + estimate.tokens.completion;
  const tokenCap = Number(values.maxTokens) > 0 ? Number(values.maxTokens) : null;
  const costCap = Number(values.maxCostUsd) > 0 ? Number(values.maxCostUsd) : null;
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
        {tokenCap !== null ? (
          <Row label="Token cap" value={`${fmt(tokenCap)} (${share(tokens, tokenCap)})`} testId="estimate-token-cap" />
        ) : null}
        {costCap !== null ? (
          <Row
            label="Cost cap"
            value={cost !== null ? `$${costCap} (${share(cost, costCap)})` : `$${costCap}`}
            testId="estimate-cost-cap"
          />
        ) : null}
      </dl>
      {(tokenCap !== null && tokens > tokenCap) || (costCap !== null && cost !== null && cost > costCap) ? (
        <p className="mt-2 text-xs text-amber-700" data-testid="estimate-over-cap">
          The estimate is over the cap: the run will stop as <em>budget reached</em> before it is done, and go on when
          you raise the cap.
        </p>
      ) : null}
      {tooLarge ? (
        <p className="mt-2 text-xs text-red-600" data-testid="estimate-too-large">
          {tooLarge}
        </p>
      ) : null}
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
