import { describe, expect, it } from "vitest";
import { parseDifficulty, parseEvolvedInstruction, parseJudgeVerdict } from "./parse-reply";

const GOAL = "Write a haiku about autumn rain that mentions a red umbrella.";

describe("parseEvolvedInstruction", () => {
  it.each([
    GOAL,
    `  ${GOAL}\n\n`,
    `#Rewritten Prompt#: ${GOAL}`,
    `#Rewritten Prompt#:\n${GOAL}`,
    `#REWRITTEN PROMPT#:\n\n${GOAL}`,
    `#Rewritten Prompt#\n${GOAL}`,
    `#Created Prompt#: ${GOAL}`,
    `Rewritten prompt: ${GOAL}`,
    `rewritten prompt:${GOAL}`,
    `**Rewritten Prompt:** ${GOAL}`,
    `**Rewritten Prompt**: ${GOAL}`,
    `### Rewritten Prompt\n${GOAL}`,
    `New prompt: ${GOAL}`,
    `New Instruction - ${GOAL}`,
    `Prompt: ${GOAL}`,
    `"${GOAL}"`,
    `“${GOAL}”`,
    `'${GOAL}'`,
    `\`${GOAL}\``,
    `Rewritten Prompt: "${GOAL}"`,
    `\`\`\`\n${GOAL}\n\`\`\``,
    `\`\`\`text\n#Rewritten Prompt#: "${GOAL}"\n\`\`\``,
    `Sure! Here is the rewritten prompt:\n\n${GOAL}`,
    `Here's a harder version of the prompt:\n"${GOAL}"`,
  ])("extracts the instruction from %j", (reply) => {
    expect(parseEvolvedInstruction(reply)).toEqual({ ok: true, instruction: GOAL });
  });

  it("keeps labels that appear mid-text for the copied_prompt rule", () => {
    const reply = `${GOAL} Unlike the #Given Prompt#, use a rhyme.`;
    expect(parseEvolvedInstruction(reply)).toEqual({ ok: true, instruction: reply });
    const twoLines = `${GOAL}\n#Rewritten Prompt#: more`;
    expect(parseEvolvedInstruction(twoLines)).toEqual({ ok: true, instruction: twoLines });
  });

  it("keeps quotes that do not wrap the whole text and inner markdown", () => {
    const compare = '"Hamlet" or "Macbeth": which tragedy has the darker ending?';
    expect(parseEvolvedInstruction(compare)).toEqual({ ok: true, instruction: compare });
    const apostrophes = "'Don't panic: explain the towel joke in one paragraph'";
    expect(parseEvolvedInstruction(apostrophes)).toEqual({ ok: true, instruction: apostrophes.slice(1, -1) });
    const code = "Fix this:\n```js\nlet x = 1\n```";
    expect(parseEvolvedInstruction(code)).toEqual({ ok: true, instruction: code });
  });

  it("does not eat words that merely start like a label", () => {
    for (const text of [
      "Prompt-based learning: explain how it differs from fine-tuning.",
      "Versioning schemes: compare semver and calver.",
    ]) {
      expect(parseEvolvedInstruction(text)).toEqual({ ok: true, instruction: text });
    }
  });

  it.each([
    "",
    "   \n\t ",
    "#Rewritten Prompt#:",
    "**Rewritten Prompt:**",
    '""',
    "```\n```",
    "New prompt:\n\n  ",
    "#Created Prompt#",
  ])("rejects %j with a reason", (reply) => {
    const parsed = parseEvolvedInstruction(reply);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(5);
  });
});

describe("parseJudgeVerdict", () => {
  it.each([
    "Not Equal",
    "not equal",
    "NOT EQUAL",
    "Not Equal.",
    "Not equal.",
    "**Not Equal**",
    "**Not** Equal",
    "  \n Not Equal",
    "Answer: Not Equal",
    "Verdict: **Not Equal** — the second adds a constraint.",
    "Not-Equal",
    "Not_Equal",
    "NotEqual",
    '"Not Equal"',
    "Unequal",
    "Equal or Not Equal: Not Equal",
  ])("reads %j as not_equal", (reply) => {
    expect(parseJudgeVerdict(reply)).toEqual({ verdict: "not_equal", raw: reply });
  });

  it.each([
    "Equal",
    "equal",
    "Equal.",
    "**Equal**",
    "Answer: Equal",
    "Equal - they ask for the same thing.",
    "`Equal`",
  ])("reads %j as equal", (reply) => {
    expect(parseJudgeVerdict(reply).verdict).toBe("equal");
  });

  it.each([
    "",
    "They are equal in scope.",
    "They are not equal.",
    "Equally demanding prompts.",
    "I think so",
    "Equal? Well, not equal after all.",
    "Equal or Not Equal",
    "Yes",
  ])("cannot parse %j", (reply) => {
    expect(parseJudgeVerdict(reply).verdict).toBe("unparseable");
  });
});

describe("parseDifficulty", () => {
  it.each([
    ["7", 7],
    ["10", 10],
    ["1", 1],
    [" 8/10 because it needs proofs", 8],
    ["**6**", 6],
    ["Difficulty: 4", 4],
    ["Rating - 9. Hard.", 9],
  ])("reads %j as %d", (reply, value) => {
    expect(parseDifficulty(reply)).toBe(value);
  });

  it.each(["0", "11", "100", "7.5", "seven", "The difficulty is 7", ""])("returns null for %j", (reply) => {
    expect(parseDifficulty(reply)).toBeNull();
  });
});
