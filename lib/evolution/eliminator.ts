import { parseJudgeVerdict } from "./parse-reply";
import { STOP_WORDS } from "./stop-words";

export const RULES = ["no_information_gain", "refusal", "empty_answer", "copied_prompt", "duplicate"] as const;
export type RuleId = (typeof RULES)[number];

export interface RuleVerdict {
  rule: RuleId;
  enabled: boolean;
  failed: boolean;
  reason: string;
}

const REFUSAL_WORD_LIMIT = 80;

export function checkRefusal(answer: string): RuleVerdict {
  const words = answer.split(/\s+/).filter((w) => w !== "").length;
  const sorry = /sorry/i.test(answer);
  const failed = sorry && words < REFUSAL_WORD_LIMIT;
  const reason = !sorry
    ? 'answer does not contain "sorry"'
    : failed
      ? `answer contains "sorry" and has ${words} words (< ${REFUSAL_WORD_LIMIT})`
      : `answer contains "sorry" but has ${words} words (≥ ${REFUSAL_WORD_LIMIT})`;
  return { rule: "refusal", enabled: true, failed, reason };
}

// Letters, digits and inner apostrophes make a word; everything else is
// punctuation or space. Curly apostrophes count, so "don’t" is a stop word.
function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []
  );
}

export function checkEmptyAnswer(answer: string): RuleVerdict {
  const words = wordsOf(answer);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  const failed = content.length === 0;
  const reason =
    words.length === 0
      ? answer.trim() === ""
        ? "answer is empty"
        : "answer has only punctuation"
      : failed
        ? `answer has only stop words and punctuation (${words.length} words)`
        : `answer has ${content.length} words that are not stop words`;
  return { rule: "empty_answer", enabled: true, failed, reason };
}

// Longest phrases first so the reason names the most specific one found.
const COPIED_PROMPT_PHRASES = [
  "#rewritten prompt#",
  "#created prompt#",
  "#given prompt#",
  "rewritten prompt",
  "created prompt",
  "given prompt",
  "prompt rewriter",
  "prompt creator",
] as const;

export function checkCopiedPrompt(instruction: string): RuleVerdict {
  const text = instruction.toLowerCase().replace(/\s+/g, " ");
  const phrase = COPIED_PROMPT_PHRASES.find((p) => text.includes(p));
  return phrase
    ? { rule: "copied_prompt", enabled: true, failed: true, reason: `instruction contains "${phrase}"` }
    : {
        rule: "copied_prompt",
        enabled: true,
        failed: false,
        reason: "instruction contains no words of the evolving prompt",
      };
}

export function checkNoInformationGain(judgeReply: string | null): RuleVerdict {
  const base = { rule: "no_information_gain", enabled: true } as const;
  if (judgeReply === null) return { ...base, failed: false, reason: "judge was not run" };
  const { verdict } = parseJudgeVerdict(judgeReply);
  if (verdict === "equal") return { ...base, failed: true, reason: "judge says the instructions are Equal" };
  if (verdict === "not_equal") return { ...base, failed: false, reason: "judge says the instructions are Not Equal" };
  // An unreadable judge is no evidence of equality; the reason keeps it visible.
  return {
    ...base,
    failed: false,
    reason: `judge verdict was unparseable: ${JSON.stringify(judgeReply.slice(0, 80))}`,
  };
}

export interface EvaluateRulesOptions {
  instruction: string;
  answer: string;
  judgeReply: string | null;
  enabled: Record<RuleId, boolean>;
  /** The duplicate rule needs the project's nodes: judged where the node is stored, which replaces this verdict. */
  duplicate?: RuleVerdict;
}

export interface Evaluation {
  passed: boolean;
  failedRules: RuleId[];
  verdicts: RuleVerdict[];
}

export function evaluateRules({
  instruction,
  answer,
  judgeReply,
  enabled,
  duplicate,
}: EvaluateRulesOptions): Evaluation {
  const checks: Record<RuleId, () => RuleVerdict> = {
    no_information_gain: () => checkNoInformationGain(judgeReply),
    refusal: () => checkRefusal(answer),
    empty_answer: () => checkEmptyAnswer(answer),
    copied_prompt: () => checkCopiedPrompt(instruction),
    duplicate: () =>
      duplicate ?? { rule: "duplicate", enabled: true, failed: false, reason: "checked when the node is stored" },
  };
  const verdicts = RULES.map((rule): RuleVerdict =>
    enabled[rule] ? checks[rule]() : { rule, enabled: false, failed: false, reason: "disabled for this run" },
  );
  return summarise(verdicts);
}

/** The evaluation with one rule's verdict replaced (the duplicate rule's, known only when the node is stored). */
export function withVerdict(verdicts: readonly RuleVerdict[], verdict: RuleVerdict): Evaluation {
  return summarise(verdicts.map((v) => (v.rule === verdict.rule ? verdict : v)));
}

function summarise(verdicts: RuleVerdict[]): Evaluation {
  const failedRules = verdicts.filter((v) => v.failed).map((v) => v.rule);
  return { passed: failedRules.length === 0, failedRules, verdicts };
}
