import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./compare-stats";
import { emptyCounts, groupDifferences, groupFigures, type GroupCounts } from "./comparison-figures";
import { RULES, type RuleId } from "./eliminator";

const allOn = Object.fromEntries(RULES.map((r) => [r, true])) as Record<RuleId, boolean>;

function counts(patch: Partial<GroupCounts>): GroupCounts {
  return { ...emptyCounts(), ...patch };
}

describe("groupFigures", () => {
  it("gives each rate its Wilson interval over the right trials", () => {
    const c = counts({
      nodes: 40,
      passed: 30,
      rulePassed: { no_information_gain: 38, refusal: 40, empty_answer: 39, copied_prompt: 40, duplicate: 33 },
      reviewed: 20,
      accepted: 15,
    });
    const f = groupFigures(c, allOn);
    expect(f.passed).toEqual(wilsonInterval(30, 40));
    expect(f.rules.duplicate).toEqual(wilsonInterval(33, 40));
    expect(f.duplicates).toEqual(wilsonInterval(7, 40));
    // Acceptance is over reviewed nodes, not all of them.
    expect(f.accepted).toEqual(wilsonInterval(15, 20));
  });

  it("has no rate for a rule the run had off, nor for a group without nodes or reviews", () => {
    const f = groupFigures(counts({ nodes: 5, passed: 5 }), { ...allOn, duplicate: false, refusal: false });
    expect(f.rules.duplicate).toBeNull();
    expect(f.rules.refusal).toBeNull();
    expect(f.duplicates).toBeNull();
    expect(f.accepted).toBeNull();
    expect(groupFigures(emptyCounts(), allOn).passed).toBeNull();
  });

  it("divides calls, tokens and cost by the accepted nodes the cost table counts, none without any", () => {
    const f = groupFigures(counts({ calls: 90, tokens: 9_000, costUsd: 0.45, costAccepted: 3 }), allOn);
    expect(f).toMatchObject({ callsPerAccepted: 30, tokensPerAccepted: 3_000 });
    expect(f.costPerAcceptedUsd).toBeCloseTo(0.15, 10);
    const unpriced = groupFigures(counts({ calls: 9, tokens: 90, costUsd: null, costAccepted: 3 }), allOn);
    expect(unpriced.costPerAcceptedUsd).toBeNull();
    expect(groupFigures(counts({ calls: 9, costAccepted: 0 }), allOn).callsPerAccepted).toBeNull();
  });
});

describe("groupDifferences", () => {
  it("marks only the rates whose intervals do not overlap", () => {
    const rulePassed = (n: number) => Object.fromEntries(RULES.map((r) => [r, n])) as Record<RuleId, number>;
    const a = groupFigures(
      counts({ nodes: 200, passed: 190, rulePassed: rulePassed(195), reviewed: 10, accepted: 9 }),
      allOn,
    );
    const b = groupFigures(
      counts({ nodes: 200, passed: 120, rulePassed: rulePassed(193), reviewed: 10, accepted: 5 }),
      allOn,
    );
    const d = groupDifferences(a, b);
    expect(d.passed).toBe(true);
    expect(d.rules.refusal).toBe(false);
    // 9/10 against 5/10 is too few reviews to tell.
    expect(d.accepted).toBe(false);
  });
});
