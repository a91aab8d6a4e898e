import type { MethodTexts } from "./method-texts";
import { LABELS } from "./prompt-labels";

/** Today's templates (evol-v1): prompts built from these are byte for byte what runs sent before methods existed. */
export const PAPER_TEXTS: MethodTexts = {
  depthIntro:
    "You are a prompt rewriter. Rewrite the prompt given below into a version that is a bit harder for strong AI models such as GPT-4 to handle, while it stays reasonable and can still be understood and answered by humans.",
  operationMethods: {
    add_constraints: "Add one more constraint or requirement to it.",
    deepen: "If it asks about a particular issue, widen and deepen the inquiry into that issue.",
    concretize: "Replace its general concepts with more specific ones.",
    increase_reasoning:
      "If it can be solved with only a few simple steps of thinking, rewrite it so that it explicitly asks for multi-step reasoning.",
    complicate_input:
      "Add structured input data that the task must use (a table, JSON, XML, SQL, code or a formula); the added data does not count toward the word limit below.",
  },
  keepRule:
    "Keep any table, code or other non-text part of the given prompt exactly as it is, and do not leave out any of its input.",
  depthInputNote: `The given prompt comes with the input shown under the ${LABELS.givenInput} label. The rewritten prompt will be used with that same input, so keep it usable with it and do not copy the input into your reply.`,
  wordLimitRule: "The rewritten prompt may add only 10 to 20 words to the given prompt.",
  depthLabelRule:
    'Reply with the rewritten prompt only, and do not mention "#Given Prompt#", "#Rewritten Prompt#", "given prompt" or "rewritten prompt" in it.',
  breadthIntro:
    "You are a prompt creator. Draw inspiration from the prompt given below to create a brand-new prompt in the same domain that covers a rarer, less common topic or task.",
  breadthShape:
    "The created prompt should be about as long and as difficult as the given prompt, and stay reasonable and answerable by humans.",
  breadthInputNote: `The given prompt comes with the input shown under the ${LABELS.givenInput} label. Use it for inspiration only; the created prompt must stand on its own.`,
  breadthLabelRule:
    'Reply with the created prompt only, and do not mention "#Given Prompt#", "#Created Prompt#", "given prompt" or "created prompt" in it.',
  judge: `Decide whether the two prompts below are equal. They are Equal when they have the same constraints and requirements and the same depth and breadth of inquiry; otherwise they are Not Equal.
Start your reply with exactly one of "Equal" or "Not Equal"; no explanation is needed.`,
  difficulty: `Rate how difficult the instruction below is to answer well, on a scale from 1 (very easy) to 10 (very hard).
Start your reply with the number, for example "7", before any explanation.`,
};

/**
 * For programming tasks, after WizardCoder's in-depth heuristics (arXiv 2306.08568), in our own words.
 * Each heuristic takes the place of one in-depth operation, so runs keep their operations and weights.
 */
export const CODE_TEXTS: MethodTexts = {
  ...PAPER_TEXTS,
  depthIntro:
    "You are a rewriter of programming tasks. Rewrite the programming task given below into a somewhat harder one for strong AI models such as GPT-4, while it stays sensible, clearly specified and solvable by a capable human programmer.",
  operationMethods: {
    add_constraints: "Add new constraints and requirements to the task, in about 10 more words.",
    deepen:
      "Ask for a stricter bound on running time or memory than the obvious solution meets; do this only where such a bound makes sense for the task.",
    concretize: "Replace a requirement that such tasks commonly have with a less common and more specific one.",
    increase_reasoning:
      "If the task can be solved with only a few logical steps, extend it so that solving it takes more reasoning steps.",
    complicate_input:
      "Include a short piece of code that contains a mistake and present it as a reference, so that it can mislead; the added code does not count toward the word limit below.",
  },
  keepRule:
    "Keep any code, signature, example or data in the given task exactly as it is, and do not leave out any of its input.",
  depthInputNote: `The given task comes with the input shown under the ${LABELS.givenInput} label. The rewritten task will be used with that same input, so keep it usable with it and do not copy the input into your reply.`,
  wordLimitRule: "The rewritten task may add only about 10 to 20 words to the given task, not counting added code.",
  breadthIntro:
    "You are a creator of programming tasks. Taking the task given below as inspiration, create a brand-new programming task in the same area that covers a rarer, less common problem.",
  breadthShape:
    "The created task should be about as long and as difficult as the given one, clearly specified and solvable by a capable human programmer.",
  breadthInputNote: `The given task comes with the input shown under the ${LABELS.givenInput} label. Use it for inspiration only; the created task must stand on its own.`,
  judge: `Decide whether the two programming tasks below are equal. They are Equal when they have the same constraints, requirements and complexity bounds and ask for the same depth and breadth of work; otherwise they are Not Equal.
Start your reply with exactly one of "Equal" or "Not Equal"; no explanation is needed.`,
  difficulty: `Rate how difficult the programming task below is to solve well, on a scale from 1 (very easy) to 10 (very hard).
Start your reply with the number, for example "7", before any explanation.`,
};

export const BUILTIN_METHODS = [
  {
    name: "paper",
    texts: PAPER_TEXTS,
    description: "Evol-Instruct as in the WizardLM paper (the original templates).",
  },
  { name: "code", texts: CODE_TEXTS, description: "WizardCoder's in-depth heuristics for programming tasks." },
] as const;

export type BuiltinMethodName = (typeof BUILTIN_METHODS)[number]["name"];
