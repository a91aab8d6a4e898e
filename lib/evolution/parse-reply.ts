import { unquote } from "./unquote";

export type ParsedInstruction = { ok: true; instruction: string } | { ok: false; reason: string };

export type JudgeVerdict = "equal" | "not_equal" | "unparseable";

const FENCED = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1$/;
// A label the model echoes before its answer: "#Rewritten Prompt#:",
// "**New prompt:**", "Rewritten instruction -", "Prompt:" and kin. A dash only
// ends a label when a space follows, so "Prompt-based learning" survives.
const LEADING_LABEL =
  /^[*_>\s]*#*\s*(?:the\s+)?(?:(?:rewritten|created|new|evolved|revised|updated|modified|improved|final|harder)\s+)?(?:prompt|instruction|version)\s*#*\s*[*_]*\s*(?:[:：]|[—–-](?=\s)|(?=[ \t]*(?:\n|$)))[*_]*\s*/i;
// A chatty first line such as "Sure! Here is the rewritten prompt:".
const PREAMBLE =
  /^(?:sure|okay|ok|certainly|of course|absolutely|here(?:'s|’s| is| are)|below is)\b[^\n]*\b(?:prompt|instruction|version)\b[^\n]*[:：]\s*\n/i;

function unwrapOnce(text: string): string {
  const fenced = FENCED.exec(text);
  if (fenced) return fenced[2].trim();
  const preamble = PREAMBLE.exec(text);
  if (preamble) return text.slice(preamble[0].length).trim();
  const label = LEADING_LABEL.exec(text);
  if (label) return text.slice(label[0].length).trim();
  return unquote(text).trim();
}

/** Extracts the evolved instruction from an evolve reply; labels mid-text are left for the copied_prompt rule. */
export function parseEvolvedInstruction(reply: string): ParsedInstruction {
  let text = reply.trim();
  if (text === "") return { ok: false, reason: "the reply is empty" };
  // Layers come in any order (a label inside quotes inside a fence), so peel
  // until nothing changes; every change shortens the text, so this ends.
  for (let previous = ""; previous !== text;) {
    previous = text;
    text = unwrapOnce(text);
  }
  if (text === "") return { ok: false, reason: "the reply holds only a label, quotes or a code fence, no instruction" };
  return { ok: true, instruction: text };
}

function flatten(text: string): string {
  return text
    .replace(/[*_`#>"'“”‘’[\]()]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

const VERDICT_PREFIX = /^(?:final\s+)?(?:answer|verdict|judgement|judgment|result)\s*[:：\-–—]?\s*/;
// Models sometimes repeat the choice they were offered before making it.
const ECHOED_CHOICES = /^equal\s*(?:\/|or|,)\s*not[\s-]*equal\s*[:：\-–—?.]?\s*/;
const NOT_EQUAL = /^(?:not[\s-]*equal|unequal)(?![a-z])/;
const EQUAL = /^equal(?![a-z])/;

// Only the start of the reply decides: "They are not equal, but..." is
// unparseable rather than guessed. An "Equal" that the same reply contradicts
// with "not equal" is unparseable too, so "Not Equal" can never count as equal.
export function parseJudgeVerdict(reply: string): { verdict: JudgeVerdict; raw: string } {
  let head = flatten(reply);
  for (let previous = ""; previous !== head;) {
    previous = head;
    head = head.replace(VERDICT_PREFIX, "").replace(ECHOED_CHOICES, "");
  }
  if (NOT_EQUAL.test(head)) return { verdict: "not_equal", raw: reply };
  if (EQUAL.test(head) && !/not[\s-]*equal/.test(head)) return { verdict: "equal", raw: reply };
  return { verdict: "unparseable", raw: reply };
}

const RATING_PREFIX = /^(?:difficulty|score|rating|answer)\s*(?:score|rating|level)?\s*[:：\-–—]?\s*/i;

/** The 1–10 rating at the start of a difficulty reply, or null. */
export function parseDifficulty(reply: string): number | null {
  const head = reply
    .replace(/[*_`#>"']/g, "")
    .trim()
    .replace(RATING_PREFIX, "");
  // "7.5" is refused rather than rounded: the scale is whole numbers.
  const match = /^(\d+)(?![\d.,]\d)/.exec(head);
  if (!match) return null;
  const value = Number(match[1]);
  return value >= 1 && value <= 10 ? value : null;
}
