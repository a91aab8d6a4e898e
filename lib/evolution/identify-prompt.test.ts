import { describe, expect, it } from "vitest";
import { identifyPrompt } from "./identify-prompt";
import { CODE_TEXTS } from "./builtin-methods";
import { OPERATIONS } from "./operations";
import { buildAnswerPrompt, buildDifficultyPrompt, buildEvolvePrompt, buildJudgePrompt } from "./templates";

const NASTY = [
  "Plain one-liner.",
  "Multi-line\n\nwith \"double\" and 'single' quotes,\n\ttabs and trailing spaces   \n",
  "```python\nprint('#Rewritten Prompt#:')\n```\nExplain the code above.",
  "Ünïcödé — 日本語のテキスト, emoji 🚀, RTL עברית, zero-width\u200bjoiner",
  "#Given Prompt#:\nA text that itself starts with a label\n\n#Rewritten Prompt#:",
  "\n\nleading and trailing blank lines\n\n",
  "$& $1 $$ backslashes \\n \\\\ and regex chars .*+?^${}()|[]",
  "",
];
const INPUTS = ["", "a,b\n1,2", '{"json": ["x", 1]}\n', "```sql\nSELECT 1;\n```"];

describe("identifyPrompt round-trips", () => {
  it.each(OPERATIONS)("evolve prompts for %s, with and without input", (operation) => {
    for (const instruction of NASTY) {
      for (const input of INPUTS) {
        expect(identifyPrompt(buildEvolvePrompt(operation, instruction, input))).toEqual({
          kind: "evolve",
          operation,
          instruction,
          input,
        });
      }
    }
  });

  it("judge prompts", () => {
    for (const before of NASTY) {
      for (const after of [...NASTY].reverse()) {
        expect(identifyPrompt(buildJudgePrompt(before, after))).toEqual({ kind: "judge", before, after });
      }
    }
  });

  it("difficulty prompts", () => {
    for (const instruction of [...NASTY, "#Instruction#:\nnested\n\n#Difficulty#:"]) {
      expect(identifyPrompt(buildDifficultyPrompt(instruction))).toEqual({ kind: "difficulty", instruction });
    }
  });

  it("answer prompts, with and without input", () => {
    for (const instruction of NASTY) {
      for (const input of INPUTS) {
        expect(identifyPrompt(buildAnswerPrompt(instruction, input))).toEqual({ kind: "answer", instruction, input });
      }
    }
  });

  it("an instruction holding the input separator still round-trips when it has no input", () => {
    const instruction = "Fill in:\n\n#Given Input#:\nnothing here";
    expect(identifyPrompt(buildEvolvePrompt("deepen", instruction))).toEqual({
      kind: "evolve",
      operation: "deepen",
      instruction,
      input: "",
    });
  });
});

describe("identifyPrompt on foreign text", () => {
  it("treats anything else as an answer request for the whole text", () => {
    for (const text of ["Hello", "#Given Prompt#:\nfoo\n\n#Rewritten Prompt#:", "Rate how difficult this is", ""]) {
      expect(identifyPrompt(text)).toEqual({ kind: "answer", instruction: text, input: "" });
    }
  });

  it("does not mistake a truncated evolve prompt for one", () => {
    const prompt = buildEvolvePrompt("deepen", "Explain tides.");
    expect(identifyPrompt(prompt.slice(0, -1)).kind).toBe("answer");
    expect(identifyPrompt(prompt.slice(prompt.indexOf("#Given Prompt#:"))).kind).toBe("answer");
  });
});

describe("identifyPrompt, other methods", () => {
  const own = {
    ...CODE_TEXTS,
    depthIntro: "Make this task harder.",
    operationMethods: { ...CODE_TEXTS.operationMethods, deepen: "Go deeper, our way." },
    judge: "Same or not?",
    difficulty: "How hard, 1 to 10?",
  };

  it.each([CODE_TEXTS, own])("splits the prompts of a method back (%#)", (texts) => {
    for (const operation of OPERATIONS)
      for (const input of INPUTS) {
        const identified = identifyPrompt(buildEvolvePrompt(operation, "Sort the list.", input, texts));
        expect(identified).toMatchObject({ kind: "evolve", instruction: "Sort the list.", input });
        // Only a user's own sentence cannot tell its operation.
        if (texts === CODE_TEXTS || operation !== "deepen") expect(identified).toMatchObject({ operation });
      }
    expect(identifyPrompt(buildJudgePrompt("a", "b", texts))).toEqual({ kind: "judge", before: "a", after: "b" });
    expect(identifyPrompt(buildDifficultyPrompt("x", texts))).toEqual({ kind: "difficulty", instruction: "x" });
  });
});
