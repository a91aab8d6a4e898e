import { describe, expect, it } from "vitest";
import { IN_DEPTH_OPERATIONS, OPERATIONS } from "./operations";
import {
  OPERATION_METHODS,
  TEMPLATE_VERSION,
  buildAnswerPrompt,
  buildDifficultyPrompt,
  buildEvolvePrompt,
  buildJudgePrompt,
} from "./templates";

const INSTRUCTION = "Summarise the article below in plain English.";
const INPUT = "| year | sales |\n|---|---|\n| 2023 | 10 |";

describe("buildEvolvePrompt, in-depth", () => {
  it.each(IN_DEPTH_OPERATIONS)("%s carries the instruction, the method and the rules", (op) => {
    const prompt = buildEvolvePrompt(op, INSTRUCTION);
    expect(prompt).toContain(`#Given Prompt#:\n${INSTRUCTION}\n`);
    expect(prompt).toContain(OPERATION_METHODS[op as Exclude<typeof op, "breadth">]);
    expect(prompt).toContain("a bit harder");
    expect(prompt).toMatch(/reasonable and can still be understood and answered by humans/);
    expect(prompt).toContain("only 10 to 20 words");
    expect(prompt).toMatch(/Keep any table, code/);
    expect(prompt).toMatch(/do not mention "#Given Prompt#", "#Rewritten Prompt#"/);
    expect(prompt.endsWith("#Rewritten Prompt#:")).toBe(true);
    expect(prompt).not.toContain("#Given Input#:\n");
  });

  it("gives each in-depth operation a different method", () => {
    const methods = IN_DEPTH_OPERATIONS.map((op) => buildEvolvePrompt(op, INSTRUCTION));
    expect(new Set(methods).size).toBe(5);
    expect(buildEvolvePrompt("add_constraints", "x")).toMatch(/one more constraint or requirement/);
    expect(buildEvolvePrompt("deepen", "x")).toMatch(/widen and deepen the inquiry/);
    expect(buildEvolvePrompt("concretize", "x")).toMatch(/general concepts with more specific ones/);
    expect(buildEvolvePrompt("increase_reasoning", "x")).toMatch(/explicitly asks for multi-step reasoning/);
    expect(buildEvolvePrompt("complicate_input", "x")).toMatch(/table, JSON, XML, SQL, code or a formula/);
  });

  it("includes a non-empty input and says to keep it", () => {
    const prompt = buildEvolvePrompt("deepen", INSTRUCTION, INPUT);
    expect(prompt).toContain(`${INSTRUCTION}\n\n#Given Input#:\n${INPUT}\n\n#Rewritten Prompt#:`);
    expect(prompt).toMatch(/comes with the input/);
    expect(buildEvolvePrompt("deepen", INSTRUCTION, "")).toBe(buildEvolvePrompt("deepen", INSTRUCTION));
  });
});

describe("buildEvolvePrompt, breadth", () => {
  it("asks for a brand-new, rarer prompt in the same domain", () => {
    const prompt = buildEvolvePrompt("breadth", INSTRUCTION);
    expect(prompt).toContain(`#Given Prompt#:\n${INSTRUCTION}\n`);
    expect(prompt).toMatch(/brand-new prompt in the same domain/);
    expect(prompt).toMatch(/rarer/);
    expect(prompt).toMatch(/about as long and as difficult/);
    expect(prompt.endsWith("#Created Prompt#:")).toBe(true);
    expect(prompt).not.toContain("#Rewritten Prompt#:");
    expect(prompt).not.toContain("10 to 20 words");
  });

  it("differs from every in-depth prompt", () => {
    const breadth = buildEvolvePrompt("breadth", INSTRUCTION);
    for (const op of IN_DEPTH_OPERATIONS) expect(buildEvolvePrompt(op, INSTRUCTION)).not.toBe(breadth);
  });
});

describe("other prompts", () => {
  it("answer prompt is the instruction, then the input block", () => {
    expect(buildAnswerPrompt(INSTRUCTION)).toBe(INSTRUCTION);
    expect(buildAnswerPrompt(INSTRUCTION, INPUT)).toBe(`${INSTRUCTION}\n\n#Input#:\n${INPUT}`);
  });

  it("judge prompt shows both prompts and the Equal / Not Equal choice", () => {
    const prompt = buildJudgePrompt("Old one", "New one");
    expect(prompt).toContain("#First Prompt#:\nOld one\n\n#Second Prompt#:\nNew one");
    expect(prompt).toMatch(/same constraints and requirements/);
    expect(prompt).toMatch(/same depth and breadth of inquiry/);
    expect(prompt).toContain('exactly one of "Equal" or "Not Equal"');
    expect(prompt.indexOf("Old one")).toBeLessThan(prompt.indexOf("New one"));
  });

  it("difficulty prompt asks for 1-10 with the number first", () => {
    const prompt = buildDifficultyPrompt(INSTRUCTION);
    expect(prompt).toContain(INSTRUCTION);
    expect(prompt).toMatch(/1 \(very easy\) to 10 \(very hard\)/);
    expect(prompt).toMatch(/Start your reply with the number/);
  });

  it("the version is recorded as evol-v1", () => {
    expect(TEMPLATE_VERSION).toBe("evol-v1");
    expect(OPERATIONS.length).toBe(6);
  });
});
