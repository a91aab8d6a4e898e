import { describe, expect, it } from "vitest";
import { checkCopiedPrompt, evaluateRules } from "@/lib/evolution/eliminator";
import { IN_DEPTH_OPERATIONS } from "@/lib/evolution/operations";
import { breadthReply, inDepthReply } from "./evolve-replies";
import { replyTo } from "./replies";

const ALL_ON = { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true, duplicate: true };

describe("simulated evolve replies", () => {
  const inDepth = IN_DEPTH_OPERATIONS.flatMap((op) => (op === "breadth" ? [] : [op]));

  it.each(inDepth)("%s always changes the instruction", (op) => {
    for (const instruction of [
      "Explain tides.",
      "Tell me something about a topic.",
      "",
      "Describe someone you admire.",
    ]) {
      const evolved = inDepthReply(op, instruction);
      expect(evolved).not.toBe(instruction);
      expect(checkCopiedPrompt(evolved).failed).toBe(false);
    }
  });

  it("uses the operation's own kind of change", () => {
    expect(inDepthReply("increase_reasoning", "Solve 2x = 4.")).toMatch(/step|assumptions/);
    expect(inDepthReply("complicate_input", "Summarise sales.")).toMatch(/\|---|```json|```sql/);
    expect(inDepthReply("concretize", "Tell me something funny.")).toBe(
      "Tell me a small bakery's weekly budget funny.",
    );
  });

  it("breadth builds a new task from the original's keywords", () => {
    const created = breadthReply("Explain how volcanoes form along tectonic plate boundaries.");
    expect(created).toMatch(/volcanoes|tectonic|plate|boundaries|explain|form/);
    expect(created).not.toContain("Explain how volcanoes form");
    expect(breadthReply("Explain how volcanoes form along tectonic plate boundaries.")).toBe(created);
    expect(breadthReply("?!")).toMatch(/everyday routines|local communities/);
  });
});

describe("simulated answers, judge and difficulty", () => {
  it("answers pass every eliminator rule", () => {
    for (const instruction of ["Explain tides.", "Say sorry in French.", "", "x".repeat(500)]) {
      const answer = replyTo({ kind: "answer", instruction, input: "" });
      expect(answer.split(/\s+/).length).toBeGreaterThan(80);
      expect(
        evaluateRules({ instruction: "Explain tides.", answer, judgeReply: "Not Equal", enabled: ALL_ON }).passed,
      ).toBe(true);
    }
    expect(replyTo({ kind: "answer", instruction: "Sum these.", input: "1,2" })).toMatch(/provided input/);
  });

  it("the judge compares normalised text", () => {
    expect(replyTo({ kind: "judge", before: "Explain  tides.", after: "explain tides.\n" })).toBe("Equal");
    expect(replyTo({ kind: "judge", before: "Explain tides.", after: "Explain tides in detail." })).toBe("Not Equal");
  });

  it("difficulty is a stable integer from 1 to 10 that varies between instructions", () => {
    const ratings = Array.from({ length: 200 }, (_, i) =>
      Number(replyTo({ kind: "difficulty", instruction: `task ${i}` })),
    );
    expect(ratings.every((r) => Number.isInteger(r) && r >= 1 && r <= 10)).toBe(true);
    expect(new Set(ratings).size).toBe(10);
    expect(replyTo({ kind: "difficulty", instruction: "task 3" })).toBe(String(ratings[3]));
  });
});
