import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { foldCosts, totalCost, type RunPrices } from "@/lib/evolution/cost-breakdown";
import type { RunCosts } from "@/lib/server/runs/get-run-costs";
import { RunCostTable } from "./run-cost-table";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

function costsOf(priced: boolean): RunCosts {
  const prices: RunPrices = priced ? { r: { evolve: { promptPerMillion: 1000, completionPerMillion: 1000 } } } : {};
  const calls = [
    { key: 1, runId: "r", role: "evolve", calls: 3, promptTokens: 600, completionTokens: 400 },
    { key: null, runId: "r", role: "evolve", calls: 1, promptTokens: 0, completionTokens: 0 },
  ];
  const yields = [{ key: 1, passing: 2, accepted: 1 }];
  const perRound = foldCosts({ calls, yields, prices });
  const total = totalCost({ calls, yields, prices });
  return { total, perRound, perOperation: [], perRole: [], priced: total.costUsd !== null };
}

describe("RunCostTable", () => {
  it("shows money per round and per kept node when the run was priced", () => {
    const shown = text(renderToStaticMarkup(<RunCostTable costs={costsOf(true)} />));
    expect(shown).toContain("1,000 tokens in 4 calls, $1.0000.");
    expect(shown).toContain("Round 1 3 1,000 $1.0000 2 1 $0.5000 $1.0000");
    expect(shown).toContain("Failed attempts (no step) 1 0 $0.0000 0 0 — —");
  });

  it("shows tokens only, and says why, when a model had no price", () => {
    const shown = text(renderToStaticMarkup(<RunCostTable costs={costsOf(false)} />));
    expect(shown).not.toContain("$");
    expect(shown).toContain("No money is shown");
    expect(shown).toContain("Round 1 3 1,000 2 1 500 tok 1,000 tok");
  });
});
