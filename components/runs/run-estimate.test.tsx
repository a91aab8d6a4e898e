import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { estimateCosts, estimateRun } from "@/lib/evolution/estimate";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";
import { RunEstimateCard } from "./run-estimate";

const models = { evolve: "gpt-4o-mini", answer: "gpt-4o-mini", judge: "gpt-4o-mini", difficulty: "gpt-4o-mini" };
const prices = { "gpt-4o-mini": { promptPerMillion: 0.15, completionPerMillion: 0.6 } };
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const render = (batchPriceFactor = 0.5) =>
  text(
    renderToStaticMarkup(
      <RunEstimateCard
        seedCount={1000}
        prices={prices}
        maxRunSteps={2_000_000}
        batchPriceFactor={batchPriceFactor}
        values={useRunFormStore.getState().values}
      />,
    ),
  );

// The form's values come from its store (as the form sets them), rendered by the card the form shows.
// 1,000 seeds × 4 rounds, judged, as the form sends them by default.
const expected = estimateCosts(
  estimateRun({ seeds: 1000, rounds: 4, k: 1, judge: true, scoreDifficulty: false }).tokens,
  prices["gpt-4o-mini"],
  0.5,
);

describe("RunEstimate: the Batch API price", () => {
  beforeEach(() => useRunFormStore.getState().init({ endpoint: "openai", models, maxTokens: "", maxCostUsd: "" }));

  it("shows the batch price next to the normal price", () => {
    const shown = render();
    expect(shown).toContain(`Cost ≈ $${expected.normal.toFixed(2)}`);
    expect(shown).toContain(`with the Batch API ≈ $${expected.batch.toFixed(2)}`);
    expect(expected.batch).toBeCloseTo(expected.normal / 2, 10);
  });

  it("follows LLM_BATCH_PRICE_FACTOR", () => {
    expect(render(0.25)).toContain(`with the Batch API ≈ $${(expected.normal * 0.25).toFixed(2)}`);
  });

  it("holds a batch-mode run's cost cap against the batch price", () => {
    // A cap between the two prices: over it at the normal price, under it at the batch price.
    const cap = Number(((expected.normal + expected.batch) / 2).toFixed(2));
    useRunFormStore.getState().set({ maxCostUsd: String(cap) });
    expect(render()).toContain("The estimate is over the cap");
    useRunFormStore.getState().set({ batch: true });
    const shown = render();
    expect(shown).toContain(`Cost with the Batch API (this run) ≈ $${expected.batch.toFixed(2)}`);
    expect(shown).not.toContain("The estimate is over the cap");
  });

  it("shows no price for the simulator", () => {
    useRunFormStore.getState().set({ endpoint: "simulator", batch: true });
    const shown = render();
    expect(shown).toContain("free (simulator)");
    expect(shown).not.toContain("Batch API ≈");
  });
});
