"use client";

import { Card } from "@/components/ui/card";
import { estimateCosts, estimateRun, runSizeProblem } from "@/lib/evolution/estimate";
import { useRunFormStore, type RunFormValues } from "@/lib/stores/use-run-form-store";

export type ModelPrices = Record<string, { promptPerMillion: number; completionPerMillion: number }>;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
// Cents, or four decimals below a cent so a small run's batch price is not shown as $0.00.
const usd = (n: number) => `$${n > 0 && n < 0.01 ? n.toFixed(4) : n.toFixed(2)}`;
// The estimate as a share of the cap, e.g. "estimate 140%".
const share = (estimate: number, cap: number) => `estimate ${Math.round((estimate / cap) * 100)}%`;

interface RunEstimateProps {
  seedCount: number;
  prices: ModelPrices;
  maxRunSteps: number;
  /** LLM_BATCH_PRICE_FACTOR: the Batch API's price as a share of LLM_PRICES. */
  batchPriceFactor: number;
}

/** The start-run form's live estimate: it follows the form's values. */
export function RunEstimate(props: RunEstimateProps) {
  const { values } = useRunFormStore();
  return <RunEstimateCard {...props} values={values} />;
}

/** The estimate for given form values. */
export function RunEstimateCard({
  seedCount,
  prices,
  maxRunSteps,
  batchPriceFactor,
  values,
}: RunEstimateProps & { values: RunFormValues }) {
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
  const costs = values.endpoint === "openai" && price ? estimateCosts(estimate.tokens, price, batchPriceFactor) : null;
  // A batch-mode run is billed (and held to its cap) at the batch price.
  const cost = costs === null ? null : values.batch ? costs.batch : costs.normal;
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
          label={values.batch ? "Cost at the normal price" : "Cost"}
          value={
            values.endpoint === "simulator"
              ? "free (simulator)"
              : costs !== null
                ? `≈ ${usd(costs.normal)}`
                : "set LLM_PRICES to see it"
          }
          testId="estimate-cost"
        />
        {costs !== null ? (
          <Row
            label={values.batch ? "Cost with the Batch API (this run)" : "· with the Batch API"}
            value={`≈ ${usd(costs.batch)}`}
            testId="estimate-batch-cost"
          />
        ) : null}
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
