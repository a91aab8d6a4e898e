import { describe, expect, it } from "vitest";
import { IN_DEPTH_OPERATIONS, OPERATIONS, OPERATION_DESCRIPTIONS, OPERATION_LABELS, isOperation } from "./operations";

describe("operations", () => {
  it("are the paper's five in-depth operations plus in-breadth", () => {
    expect(OPERATIONS).toHaveLength(6);
    expect(IN_DEPTH_OPERATIONS).toEqual([
      "add_constraints",
      "deepen",
      "concretize",
      "increase_reasoning",
      "complicate_input",
    ]);
    expect(IN_DEPTH_OPERATIONS).not.toContain("breadth");
  });

  it("each has a human label and a one-sentence description", () => {
    expect(OPERATION_LABELS.add_constraints).toBe("Add constraints");
    for (const op of OPERATIONS) {
      expect(OPERATION_LABELS[op]).toMatch(/^[A-Z]/);
      expect(OPERATION_DESCRIPTIONS[op]).toMatch(/^[A-Z][^.]*\.$/);
    }
    expect(new Set(Object.values(OPERATION_LABELS)).size).toBe(6);
  });

  it("isOperation accepts only the six names", () => {
    expect(isOperation("deepen")).toBe(true);
    expect(isOperation("Deepen")).toBe(false);
    expect(isOperation("widen")).toBe(false);
  });
});
