import { describe, expect, it } from "vitest";
import { foldCosts, totalCost } from "./cost-breakdown";

const prices = {
  a: {
    evolve: { promptPerMillion: 1, completionPerMillion: 2 },
    answer: { promptPerMillion: 10, completionPerMillion: 20 },
  },
  b: { evolve: { promptPerMillion: 1, completionPerMillion: 2 } },
};
const call = (key: number | null, runId: string, role: string, promptTokens: number, completionTokens: number) => ({
  key,
  runId,
  role,
  calls: 1,
  promptTokens,
  completionTokens,
});

describe("foldCosts", () => {
  it("prices each call at its run's price for its role, and divides by the nodes a group made", () => {
    const lines = foldCosts({
      calls: [
        call(1, "a", "evolve", 1_000_000, 500_000),
        call(1, "a", "answer", 100_000, 0),
        call(2, "a", "evolve", 0, 0),
      ],
      yields: [
        { key: 1, passing: 4, accepted: 2 },
        { key: 2, passing: 0, accepted: 0 },
      ],
      prices,
    });
    expect(lines.map((l) => l.key)).toEqual([1, 2]);
    expect(lines[0]).toMatchObject({
      calls: 2,
      tokens: 1_600_000,
      costUsd: 3,
      costPerPassingUsd: 0.75,
      costPerAcceptedUsd: 1.5,
    });
    expect(lines[0].tokensPerAccepted).toBe(800_000);
    // Nothing kept: nothing to divide by.
    expect(lines[1]).toMatchObject({ costUsd: 0, costPerPassingUsd: null, tokensPerAccepted: null });
  });

  it("gives no money for a group with a call of an unpriced role, and sorts the keyless line last", () => {
    const lines = foldCosts({
      calls: [call(null, "a", "evolve", 10, 0), call(1, "b", "evolve", 100, 100), call(1, "b", "answer", 100, 100)],
      yields: [{ key: 1, passing: 1, accepted: 1 }],
      prices,
    });
    expect(lines.map((l) => [l.key, l.costUsd])).toEqual([
      [1, null],
      [null, 0.00001],
    ]);
    expect(lines[0]).toMatchObject({ tokens: 400, tokensPerAccepted: 400, costPerAcceptedUsd: null });
    expect(totalCost({ calls: [call(1, "b", "answer", 1, 1)], yields: [], prices }).costUsd).toBeNull();
  });
});
