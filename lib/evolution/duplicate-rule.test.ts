import { describe, expect, it } from "vitest";
import { checkDuplicate, DEFAULT_DUPLICATE_THRESHOLD, type DuplicateEvidence } from "./duplicate-rule";

const parent = {
  id: "p1",
  instruction: "Explain how photosynthesis turns sunlight into sugar in plant leaves.",
  input: "",
};
const evidence = (over: Partial<DuplicateEvidence> = {}): DuplicateEvidence => ({
  identicalNodeId: null,
  parent,
  siblings: [],
  threshold: DEFAULT_DUPLICATE_THRESHOLD,
  ...over,
});

describe("checkDuplicate", () => {
  it("fails a copy of the parent that differs only in case and spacing", () => {
    const verdict = checkDuplicate(
      { instruction: "  EXPLAIN how photosynthesis turns sunlight\ninto sugar in plant leaves. ", input: "" },
      evidence(),
    );
    expect(verdict).toEqual({
      rule: "duplicate",
      enabled: true,
      failed: true,
      reason: "identical to its parent (node p1) after normalisation",
    });
  });

  it("fails a copy of a sibling, and of any node of the project found by hash", () => {
    const sibling = { id: "s1", instruction: "List three owls.", input: "" };
    expect(
      checkDuplicate({ instruction: "list three OWLS.", input: "" }, evidence({ siblings: [sibling] })).reason,
    ).toBe("identical to its sibling node s1 after normalisation");
    const verdict = checkDuplicate({ instruction: "List three owls.", input: "" }, evidence({ identicalNodeId: "n9" }));
    expect(verdict).toMatchObject({ failed: true, reason: "identical to node n9 after normalisation" });
  });

  it("fails a near-duplicate of the parent and names the similarity and threshold", () => {
    const verdict = checkDuplicate(
      { instruction: "Briefly explain how photosynthesis turns sunlight into sugar in plant leaves.", input: "" },
      evidence({ threshold: 0.8 }),
    );
    expect(verdict.failed).toBe(true);
    expect(verdict.reason).toMatch(/^near-duplicate of its parent \(Jaccard ≈ 0\.\d\d ≥ 0\.8\)$/);
    // One added word is not a near-duplicate at the default: the rule is for rewrites that changed next to nothing.
    expect(
      checkDuplicate(
        { instruction: "Briefly explain how photosynthesis turns sunlight into sugar in plant leaves.", input: "" },
        evidence(),
      ).failed,
    ).toBe(false);
  });

  it("passes a real rewrite, saying how close the closest relative was", () => {
    const verdict = checkDuplicate(
      {
        instruction: "Compare photosynthesis with cellular respiration, giving the chemical equation of each.",
        input: "",
      },
      evidence({ siblings: [{ id: "s1", instruction: "Name five flowers.", input: "" }] }),
    );
    expect(verdict.failed).toBe(false);
    expect(verdict.reason).toMatch(
      /^no identical node in the project; closest of parent and siblings is its parent \(Jaccard ≈ 0\.\d\d < 0\.95\)$/,
    );
  });

  it("follows the run's threshold", () => {
    const near = {
      instruction: "Briefly explain how photosynthesis turns sunlight into sugar in plant leaves.",
      input: "",
    };
    expect(checkDuplicate(near, evidence({ threshold: 1 })).failed).toBe(false);
    expect(checkDuplicate(near, evidence({ threshold: 0.3 })).failed).toBe(true);
  });

  it("treats the same instruction with another input as a different task", () => {
    const withInput = { ...parent, input: "Leaves of a maple tree" };
    expect(
      checkDuplicate(
        { instruction: parent.instruction, input: "A cactus" },
        evidence({ parent: withInput, threshold: 1 }),
      ).failed,
    ).toBe(false);
  });
});
