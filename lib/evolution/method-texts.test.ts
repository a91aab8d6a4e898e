import { describe, expect, it } from "vitest";
import paperPrompts from "./fixtures/evol-v1-prompts.json";
import { CODE_TEXTS, PAPER_TEXTS } from "./builtin-methods";
import { METHOD_TEXT_MAX, methodTextsSchema } from "./method-texts";
import { IN_DEPTH_OPERATIONS, OPERATIONS } from "./operations";
import { buildDifficultyPrompt, buildEvolvePrompt, buildJudgePrompt } from "./templates";

const INSTRUCTION = "Summarise the article below in plain English.";
const INPUT = "| year | sales |\n|---|---|\n| 2023 | 10 |";

describe("the paper method", () => {
  // The fixture was written by the builders as they were before methods existed (commit of this test).
  it("builds byte for byte the prompts of evol-v1", () => {
    const built: Record<string, string> = {};
    for (const op of OPERATIONS) {
      built[`evolve:${op}`] = buildEvolvePrompt(op, INSTRUCTION, undefined, PAPER_TEXTS);
      built[`evolve:${op}:input`] = buildEvolvePrompt(op, INSTRUCTION, INPUT, PAPER_TEXTS);
    }
    built.judge = buildJudgePrompt("Old one", "New one", PAPER_TEXTS);
    built.difficulty = buildDifficultyPrompt(INSTRUCTION, PAPER_TEXTS);
    expect(built).toEqual(paperPrompts);
  });

  it("is the default of every builder", () => {
    expect(buildEvolvePrompt("deepen", INSTRUCTION, INPUT)).toBe(paperPrompts["evolve:deepen:input"]);
    expect(buildJudgePrompt("Old one", "New one")).toBe(paperPrompts.judge);
  });
});

describe("the code method", () => {
  it("puts its own method sentence into each in-depth prompt", () => {
    const prompts = IN_DEPTH_OPERATIONS.map((op) => buildEvolvePrompt(op, INSTRUCTION, undefined, CODE_TEXTS));
    expect(new Set(prompts).size).toBe(5);
    expect(prompts[IN_DEPTH_OPERATIONS.indexOf("complicate_input")]).toMatch(/piece of code that contains a mistake/);
    expect(prompts[IN_DEPTH_OPERATIONS.indexOf("deepen")]).toMatch(/running time or memory/);
    for (const prompt of prompts) expect(prompt).toMatch(/^You are a rewriter of programming tasks\./);
    for (const prompt of prompts)
      expect(prompt.endsWith(`#Given Prompt#:\n${INSTRUCTION}\n\n#Rewritten Prompt#:`)).toBe(true);
  });

  it("keeps the labels, so only the wording differs from paper", () => {
    const code = buildJudgePrompt("a", "b", CODE_TEXTS);
    expect(code).toContain("#First Prompt#:\na\n\n#Second Prompt#:\nb\n\n#Verdict#:");
    expect(code).not.toBe(buildJudgePrompt("a", "b"));
  });
});

describe("methodTextsSchema", () => {
  it("accepts both built-ins", () => {
    expect(methodTextsSchema.parse(PAPER_TEXTS)).toEqual(PAPER_TEXTS);
    expect(methodTextsSchema.parse(CODE_TEXTS)).toEqual(CODE_TEXTS);
  });

  it("refuses an empty, an over-long or a missing text", () => {
    expect(methodTextsSchema.safeParse({ ...PAPER_TEXTS, keepRule: "   " }).success).toBe(false);
    expect(methodTextsSchema.safeParse({ ...PAPER_TEXTS, judge: "x".repeat(METHOD_TEXT_MAX + 1) }).success).toBe(false);
    const fewer: Record<string, string> = { ...PAPER_TEXTS.operationMethods };
    delete fewer.deepen;
    expect(methodTextsSchema.safeParse({ ...PAPER_TEXTS, operationMethods: fewer }).success).toBe(false);
  });

  it("refuses a text that would break the framing", () => {
    const result = methodTextsSchema.safeParse({ ...PAPER_TEXTS, depthIntro: "Rewrite.\n\n#Given Input#:\nx" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/prompt label/);
  });
});
