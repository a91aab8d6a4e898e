import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./operations";
import { DEFAULT_WEIGHTS, nextFrontier, normalizeWeights, pickOperations, type LineageStep } from "./scheduling";

describe("normalizeWeights", () => {
  it("fills missing operations with 0 and sums to 1", () => {
    const w = normalizeWeights({ deepen: 3, breadth: 1 });
    expect(w).toEqual({
      add_constraints: 0,
      deepen: 0.75,
      concretize: 0,
      increase_reasoning: 0,
      complicate_input: 0,
      breadth: 0.25,
    });
  });

  it("rejects negative, NaN and all-zero weights", () => {
    expect(() => normalizeWeights({ deepen: -1, breadth: 2 })).toThrow(/deepen/);
    expect(() => normalizeWeights({ deepen: Number.NaN })).toThrow(/deepen/);
    expect(() => normalizeWeights({ deepen: Infinity })).toThrow(/deepen/);
    expect(() => normalizeWeights({})).toThrow("at least one operation needs a positive weight");
    expect(() => normalizeWeights({ deepen: 0 })).toThrow("at least one operation needs a positive weight");
  });

  it("defaults to uniform", () => {
    for (const op of OPERATIONS) expect(DEFAULT_WEIGHTS[op]).toBeCloseTo(1 / 6, 12);
  });
});

describe("pickOperations", () => {
  it("draws k operations, the same ones for the same seed", () => {
    const a = pickOperations({ weights: DEFAULT_WEIGHTS, k: 3, seed: "run:node:1" });
    expect(a).toHaveLength(3);
    expect(pickOperations({ weights: DEFAULT_WEIGHTS, k: 3, seed: "run:node:1" })).toEqual(a);
    expect(pickOperations({ weights: DEFAULT_WEIGHTS, k: 0, seed: "x" })).toEqual([]);
  });

  it("differs between seeds", () => {
    const draws = new Set(
      Array.from({ length: 20 }, (_, i) => pickOperations({ weights: DEFAULT_WEIGHTS, k: 4, seed: `s${i}` }).join()),
    );
    expect(draws.size).toBeGreaterThan(15);
  });

  it("never picks a zero-weight operation", () => {
    const picks = pickOperations({ weights: { concretize: 1, breadth: 0, deepen: 0 }, k: 5_000, seed: "zero" });
    expect(new Set(picks)).toEqual(new Set(["concretize"]));
  });

  it("follows the weights: deepen 3 : breadth 1 gives 75% ± 2% over 40,000 draws", () => {
    const picks = pickOperations({ weights: { deepen: 3, breadth: 1 }, k: 40_000, seed: "share" });
    const deepen = picks.filter((op) => op === "deepen").length / picks.length;
    expect(Math.abs(deepen - 0.75)).toBeLessThan(0.02);
    expect(picks.every((op) => op === "deepen" || op === "breadth")).toBe(true);
  });

  it("covers all six under uniform weights", () => {
    const picks = pickOperations({ weights: DEFAULT_WEIGHTS, k: 6_000, seed: "all" });
    for (const op of OPERATIONS) expect(picks.filter((p) => p === op).length).toBeGreaterThan(850);
  });

  it("rejects a bad k", () => {
    expect(() => pickOperations({ weights: DEFAULT_WEIGHTS, k: 1.5, seed: "x" })).toThrow(/k/);
    expect(() => pickOperations({ weights: DEFAULT_WEIGHTS, k: -1, seed: "x" })).toThrow(/k/);
  });
});

describe("nextFrontier", () => {
  const step = (parentId: string, childId: string | null, passed: boolean, humanRejected?: boolean): LineageStep => ({
    parentId,
    childId,
    passed,
    humanRejected,
  });
  const none = new Set<string>();

  it("a passing child replaces its parent", () => {
    expect(nextFrontier({ frontier: ["a"], steps: [step("a", "a1", true)], rejectedByHuman: none })).toEqual(["a1"]);
  });

  it("a failing child leaves the parent in the pool", () => {
    expect(nextFrontier({ frontier: ["a"], steps: [step("a", "a1", false)], rejectedByHuman: none })).toEqual(["a"]);
    expect(nextFrontier({ frontier: ["a"], steps: [step("a", null, false)], rejectedByHuman: none })).toEqual(["a"]);
  });

  it("with k = 2 and one pass, only the passing child goes on", () => {
    const steps = [step("a", "a1", false), step("a", "a2", true)];
    expect(nextFrontier({ frontier: ["a"], steps, rejectedByHuman: none })).toEqual(["a2"]);
  });

  it("with k = 2 and two passes, both children go on in order", () => {
    const steps = [step("a", "a1", true), step("a", "a2", true)];
    expect(nextFrontier({ frontier: ["a"], steps, rejectedByHuman: none })).toEqual(["a1", "a2"]);
  });

  it("a human rejection stops a lineage", () => {
    expect(nextFrontier({ frontier: ["a"], steps: [step("a", "a1", false)], rejectedByHuman: new Set(["a"]) })).toEqual(
      [],
    );
    expect(nextFrontier({ frontier: ["a"], steps: [], rejectedByHuman: new Set(["a"]) })).toEqual([]);
  });

  it("a human-rejected child never appears; its parent is evolved again", () => {
    expect(nextFrontier({ frontier: ["a"], steps: [step("a", "a1", true, true)], rejectedByHuman: none })).toEqual([
      "a",
    ]);
    expect(nextFrontier({ frontier: ["a"], steps: [step("a", "a1", true)], rejectedByHuman: new Set(["a1"]) })).toEqual(
      ["a"],
    );
  });

  it("handles a mixed round with stable order and no duplicates", () => {
    const frontier = ["a", "b", "c", "d", "a"];
    const steps = [
      step("b", "b1", false),
      step("a", "a1", true),
      step("c", "c1", true),
      step("c", "c2", true, true),
      step("d", "d1", true),
      step("x", "x1", true),
    ];
    const result = nextFrontier({ frontier, steps, rejectedByHuman: new Set(["d", "c1"]) });
    // c's only passing children were both rejected by a human, so c goes again;
    // d was rejected, yet its passing child d1 goes on; x was not in the frontier.
    expect(result).toEqual(["a1", "b", "c", "d1"]);
  });

  it("keeps a frontier node that was not evolved this round", () => {
    expect(nextFrontier({ frontier: ["a", "b"], steps: [step("a", "a1", true)], rejectedByHuman: none })).toEqual([
      "a1",
      "b",
    ]);
  });
});
