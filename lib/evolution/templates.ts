import { PAPER_TEXTS } from "./builtin-methods";
import type { MethodTexts } from "./method-texts";
import { type Operation } from "./operations";
import { LABELS } from "./prompt-labels";

// The framing (labels, layout, what goes where) is stored with every run; the
// wording inside it is the run's method (method-texts.ts, builtin-methods.ts).
// A change to the framing needs a new version here.
export const TEMPLATE_VERSION = "evol-v1";

/** The paper method's sentences, kept for callers that predate methods. */
export const OPERATION_METHODS = PAPER_TEXTS.operationMethods;

// Whether an input exists is stated before the instruction, so prompts
// without input can be split back exactly whatever the instruction contains.
export function evolveHead(operation: Operation, hasInput: boolean, texts: MethodTexts = PAPER_TEXTS): string {
  const lines =
    operation === "breadth"
      ? [texts.breadthIntro, texts.breadthShape, ...(hasInput ? [texts.breadthInputNote] : []), texts.breadthLabelRule]
      : [
          texts.depthIntro,
          `How to make it harder: ${texts.operationMethods[operation]}`,
          texts.keepRule,
          ...(hasInput ? [texts.depthInputNote] : []),
          texts.wordLimitRule,
          texts.depthLabelRule,
        ];
  return `${lines.join("\n")}\n\n${LABELS.given}\n`;
}

export function evolveTail(operation: Operation): string {
  return `\n\n${operation === "breadth" ? LABELS.created : LABELS.rewritten}`;
}

export const INPUT_SEPARATOR = `\n\n${LABELS.givenInput}\n`;

export function buildEvolvePrompt(
  operation: Operation,
  instruction: string,
  input?: string,
  texts: MethodTexts = PAPER_TEXTS,
): string {
  const hasInput = Boolean(input);
  const body = hasInput ? `${instruction}${INPUT_SEPARATOR}${input}` : instruction;
  return `${evolveHead(operation, hasInput, texts)}${body}${evolveTail(operation)}`;
}

export const ANSWER_INPUT_SEPARATOR = `\n\n${LABELS.answerInput}\n`;

// No wrapper around the instruction: the answer should be what a user of the
// fine-tuned model would get for the bare instruction (so no method changes it).
export function buildAnswerPrompt(instruction: string, input?: string): string {
  return input ? `${instruction}${ANSWER_INPUT_SEPARATOR}${input}` : instruction;
}

export function judgeHead(texts: MethodTexts = PAPER_TEXTS): string {
  return `${texts.judge}\n\n${LABELS.first}\n`;
}
export const JUDGE_HEAD = judgeHead();
export const JUDGE_SEPARATOR = `\n\n${LABELS.second}\n`;
export const JUDGE_TAIL = `\n\n${LABELS.verdict}`;

export function buildJudgePrompt(before: string, after: string, texts: MethodTexts = PAPER_TEXTS): string {
  return `${judgeHead(texts)}${before}${JUDGE_SEPARATOR}${after}${JUDGE_TAIL}`;
}

export function difficultyHead(texts: MethodTexts = PAPER_TEXTS): string {
  return `${texts.difficulty}\n\n${LABELS.instruction}\n`;
}
export const DIFFICULTY_HEAD = difficultyHead();
export const DIFFICULTY_TAIL = `\n\n${LABELS.difficulty}`;

export function buildDifficultyPrompt(instruction: string, texts: MethodTexts = PAPER_TEXTS): string {
  return `${difficultyHead(texts)}${instruction}${DIFFICULTY_TAIL}`;
}
