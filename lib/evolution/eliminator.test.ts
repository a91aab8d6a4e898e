import { describe, expect, it } from "vitest";
import {
  RULES,
  checkCopiedPrompt,
  checkEmptyAnswer,
  checkNoInformationGain,
  checkRefusal,
  evaluateRules,
  withVerdict,
  type RuleId,
} from "./eliminator";

const words = (n: number, first = "sorry") => [first, ...Array.from({ length: n - 1 }, (_, i) => `word${i}`)].join(" ");
const ALL_ON: Record<RuleId, boolean> = {
  no_information_gain: true,
  refusal: true,
  empty_answer: true,
  copied_prompt: true,
  duplicate: true,
};

describe("checkRefusal", () => {
  it("fails a short answer with sorry, and says why", () => {
    const verdict = checkRefusal("I'm sorry, but I can't help with that request today, friend. Truly sorry here.");
    expect(verdict).toMatchObject({ rule: "refusal", enabled: true, failed: true });
    expect(verdict.reason).toBe('answer contains "sorry" and has 14 words (< 80)');
  });

  it("draws the line between 79 and 80 words", () => {
    expect(checkRefusal(words(79)).failed).toBe(true);
    expect(checkRefusal(words(80)).failed).toBe(false);
    expect(checkRefusal(words(80)).reason).toBe('answer contains "sorry" but has 80 words (≥ 80)');
  });

  it("matches sorry in any case and inside words", () => {
    expect(checkRefusal("SORRY, no.").failed).toBe(true);
    expect(checkRefusal("Sorrylessly refused.").failed).toBe(true);
  });

  it("counts whitespace-separated tokens, whatever the whitespace", () => {
    const text = words(79).replace(/ /g, " \n\t ");
    expect(checkRefusal(text).reason).toContain("79 words");
  });

  it("passes a long answer that says sorry once, and any answer without it", () => {
    expect(checkRefusal(`Sorry for the wait. ${words(120, "Here")}`).failed).toBe(false);
    expect(checkRefusal("No.").failed).toBe(false);
    expect(checkRefusal("No.").reason).toBe('answer does not contain "sorry"');
  });
});

describe("checkEmptyAnswer", () => {
  it.each(["", "   \n", "...!?", "The.", "It is what it is.", "— and, of the; to: it's", "Don’t."])(
    "fails %j",
    (answer) => {
      expect(checkEmptyAnswer(answer).failed).toBe(true);
    },
  );

  it.each(["Paris.", "42", "the answer is yes", "It is what it is: entropy.", "Ça va"])("passes %j", (answer) => {
    expect(checkEmptyAnswer(answer).failed).toBe(false);
  });

  it("explains the outcome", () => {
    expect(checkEmptyAnswer("").reason).toBe("answer is empty");
    expect(checkEmptyAnswer("?!").reason).toBe("answer has only punctuation");
    expect(checkEmptyAnswer("and the of").reason).toBe("answer has only stop words and punctuation (3 words)");
    expect(checkEmptyAnswer("the tides rise").reason).toBe("answer has 2 words that are not stop words");
  });
});

describe("checkCopiedPrompt", () => {
  it.each([
    ["Rewrite the #Rewritten Prompt# so it rhymes.", "#rewritten prompt#"],
    ["As in the given prompt, list three birds.", "given prompt"],
    ["GIVEN   PROMPT: list birds", "given prompt"],
    ["Use the #Created Prompt# format.", "#created prompt#"],
    ["The created prompt should mention owls.", "created prompt"],
    ["Act as a Prompt Rewriter for owls.", "prompt rewriter"],
    ["As a prompt creator, invent a bird.", "prompt creator"],
    ["#Given Prompt#: list birds", "#given prompt#"],
    ["Here is the rewritten prompt, list birds", "rewritten prompt"],
  ])("fails %j naming %j", (instruction, phrase) => {
    const verdict = checkCopiedPrompt(instruction);
    expect(verdict.failed).toBe(true);
    expect(verdict.reason).toBe(`instruction contains "${phrase}"`);
  });

  it("passes instructions that only share single words", () => {
    expect(checkCopiedPrompt("Given a prompt for an image model, rewrite it as a poem.").failed).toBe(false);
  });
});

describe("checkNoInformationGain", () => {
  it.each(["Equal", "Equal.", "**Equal**"])("fails on %j", (reply) => {
    expect(checkNoInformationGain(reply)).toMatchObject({
      failed: true,
      reason: "judge says the instructions are Equal",
    });
  });

  it.each(["Not Equal", "**Not Equal**", "not equal.", "Answer: NOT EQUAL"])("never fails on %j", (reply) => {
    expect(checkNoInformationGain(reply).failed).toBe(false);
  });

  it("does not fail an unparseable verdict but says so", () => {
    const verdict = checkNoInformationGain("Hmm, hard to say.");
    expect(verdict.failed).toBe(false);
    expect(verdict.reason).toMatch(/unparseable/);
  });

  it("reports a judge that was not run", () => {
    expect(checkNoInformationGain(null)).toMatchObject({ failed: false, reason: "judge was not run" });
  });
});

describe("evaluateRules", () => {
  const good = { instruction: "List three owls.", answer: words(90, "Owls"), judgeReply: "Not Equal" };

  it("passes when no rule fires and reports every rule", () => {
    const result = evaluateRules({ ...good, enabled: ALL_ON });
    expect(result.passed).toBe(true);
    expect(result.failedRules).toEqual([]);
    expect(result.verdicts.map((v) => v.rule)).toEqual([...RULES]);
  });

  it("collects every failed rule", () => {
    const result = evaluateRules({
      instruction: "The given prompt, again",
      answer: "Sorry.",
      judgeReply: "Equal",
      enabled: ALL_ON,
    });
    expect(result.passed).toBe(false);
    expect(result.failedRules).toEqual(["no_information_gain", "refusal", "copied_prompt"]);
  });

  it("skips disabled rules and marks them", () => {
    const enabled = { ...ALL_ON, refusal: false, no_information_gain: false };
    const result = evaluateRules({ ...good, answer: "Sorry.", judgeReply: "Equal", enabled });
    expect(result.passed).toBe(true);
    const refusal = result.verdicts.find((v) => v.rule === "refusal");
    expect(refusal).toEqual({ rule: "refusal", enabled: false, failed: false, reason: "disabled for this run" });
    expect(result.verdicts.filter((v) => !v.enabled)).toHaveLength(2);
  });

  it("fails an empty answer alone", () => {
    expect(evaluateRules({ ...good, answer: " . ", enabled: ALL_ON }).failedRules).toEqual(["empty_answer"]);
  });

  it("leaves the duplicate rule to the step that stores the node, which replaces its verdict", () => {
    const result = evaluateRules({ ...good, enabled: ALL_ON });
    expect(result.verdicts.find((v) => v.rule === "duplicate")).toMatchObject({ failed: false, enabled: true });
    const dup = {
      rule: "duplicate",
      enabled: true,
      failed: true,
      reason: "identical to node n1 after normalisation",
    } as const;
    const replaced = withVerdict(result.verdicts, dup);
    expect(replaced.passed).toBe(false);
    expect(replaced.failedRules).toEqual(["duplicate"]);
    expect(replaced.verdicts.map((v) => v.rule)).toEqual([...RULES]);
    expect(evaluateRules({ ...good, enabled: ALL_ON, duplicate: dup }).failedRules).toEqual(["duplicate"]);
  });
});
