import { type Operation } from "./operations";

// Stored with every run, so a change to any wording below needs a new version.
export const TEMPLATE_VERSION = "evol-v1";

// The labels are part of the wire format: identify-prompt.ts splits on them,
// and the copied_prompt rule looks for them in replies.
const LABELS = {
  given: "#Given Prompt#:",
  givenInput: "#Given Input#:",
  rewritten: "#Rewritten Prompt#:",
  created: "#Created Prompt#:",
  answerInput: "#Input#:",
  first: "#First Prompt#:",
  second: "#Second Prompt#:",
  verdict: "#Verdict#:",
  instruction: "#Instruction#:",
  difficulty: "#Difficulty#:",
} as const;

type InDepthOperation = Exclude<Operation, "breadth">;

export const OPERATION_METHODS: Record<InDepthOperation, string> = {
  add_constraints: "Add one more constraint or requirement to it.",
  deepen: "If it asks about a particular issue, widen and deepen the inquiry into that issue.",
  concretize: "Replace its general concepts with more specific ones.",
  increase_reasoning:
    "If it can be solved with only a few simple steps of thinking, rewrite it so that it explicitly asks for multi-step reasoning.",
  complicate_input:
    "Add structured input data that the task must use (a table, JSON, XML, SQL, code or a formula); the added data does not count toward the word limit below.",
};

const WORD_LIMIT_RULE = "The rewritten prompt may add only 10 to 20 words to the given prompt.";

const DEPTH_INTRO =
  "You are a prompt rewriter. Rewrite the prompt given below into a version that is a bit harder for strong AI models such as GPT-4 to handle, while it stays reasonable and can still be understood and answered by humans.";
const KEEP_RULE =
  "Keep any table, code or other non-text part of the given prompt exactly as it is, and do not leave out any of its input.";
const DEPTH_INPUT_NOTE = `The given prompt comes with the input shown under the ${LABELS.givenInput} label. The rewritten prompt will be used with that same input, so keep it usable with it and do not copy the input into your reply.`;
const DEPTH_LABEL_RULE =
  'Reply with the rewritten prompt only, and do not mention "#Given Prompt#", "#Rewritten Prompt#", "given prompt" or "rewritten prompt" in it.';

const BREADTH_INTRO =
  "You are a prompt creator. Draw inspiration from the prompt given below to create a brand-new prompt in the same domain that covers a rarer, less common topic or task.";
const BREADTH_SHAPE =
  "The created prompt should be about as long and as difficult as the given prompt, and stay reasonable and answerable by humans.";
const BREADTH_INPUT_NOTE = `The given prompt comes with the input shown under the ${LABELS.givenInput} label. Use it for inspiration only; the created prompt must stand on its own.`;
const BREADTH_LABEL_RULE =
  'Reply with the created prompt only, and do not mention "#Given Prompt#", "#Created Prompt#", "given prompt" or "created prompt" in it.';

// Whether an input exists is stated before the instruction, so prompts
// without input can be split back exactly whatever the instruction contains.
export function evolveHead(operation: Operation, hasInput: boolean): string {
  const lines =
    operation === "breadth"
      ? [BREADTH_INTRO, BREADTH_SHAPE, ...(hasInput ? [BREADTH_INPUT_NOTE] : []), BREADTH_LABEL_RULE]
      : [
          DEPTH_INTRO,
          `How to make it harder: ${OPERATION_METHODS[operation]}`,
          KEEP_RULE,
          ...(hasInput ? [DEPTH_INPUT_NOTE] : []),
          WORD_LIMIT_RULE,
          DEPTH_LABEL_RULE,
        ];
  return `${lines.join("\n")}\n\n${LABELS.given}\n`;
}

export function evolveTail(operation: Operation): string {
  return `\n\n${operation === "breadth" ? LABELS.created : LABELS.rewritten}`;
}

export const INPUT_SEPARATOR = `\n\n${LABELS.givenInput}\n`;

export function buildEvolvePrompt(operation: Operation, instruction: string, input?: string): string {
  const hasInput = Boolean(input);
  const body = hasInput ? `${instruction}${INPUT_SEPARATOR}${input}` : instruction;
  return `${evolveHead(operation, hasInput)}${body}${evolveTail(operation)}`;
}

export const ANSWER_INPUT_SEPARATOR = `\n\n${LABELS.answerInput}\n`;

// No wrapper around the instruction: the answer should be what a user of the
// fine-tuned model would get for the bare instruction.
export function buildAnswerPrompt(instruction: string, input?: string): string {
  return input ? `${instruction}${ANSWER_INPUT_SEPARATOR}${input}` : instruction;
}

export const JUDGE_HEAD = `Decide whether the two prompts below are equal. They are Equal when they have the same constraints and requirements and the same depth and breadth of inquiry; otherwise they are Not Equal.
Start your reply with exactly one of "Equal" or "Not Equal"; no explanation is needed.

${LABELS.first}
`;
export const JUDGE_SEPARATOR = `\n\n${LABELS.second}\n`;
export const JUDGE_TAIL = `\n\n${LABELS.verdict}`;

export function buildJudgePrompt(before: string, after: string): string {
  return `${JUDGE_HEAD}${before}${JUDGE_SEPARATOR}${after}${JUDGE_TAIL}`;
}

export const DIFFICULTY_HEAD = `Rate how difficult the instruction below is to answer well, on a scale from 1 (very easy) to 10 (very hard).
Start your reply with the number, for example "7", before any explanation.

${LABELS.instruction}
`;
export const DIFFICULTY_TAIL = `\n\n${LABELS.difficulty}`;

export function buildDifficultyPrompt(instruction: string): string {
  return `${DIFFICULTY_HEAD}${instruction}${DIFFICULTY_TAIL}`;
}
