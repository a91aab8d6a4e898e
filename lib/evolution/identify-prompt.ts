import { BUILTIN_METHODS } from "./builtin-methods";
import { IN_DEPTH_OPERATIONS, OPERATIONS, type Operation } from "./operations";
import { LABELS } from "./prompt-labels";
import { readRefinePrompt, type ReadRefinePrompt } from "./refine-prompt";
import {
  ANSWER_INPUT_SEPARATOR,
  DIFFICULTY_TAIL,
  INPUT_SEPARATOR,
  JUDGE_SEPARATOR,
  JUDGE_TAIL,
  difficultyHead,
  evolveHead,
  evolveTail,
  judgeHead,
} from "./templates";

export type IdentifiedPrompt =
  | { kind: "evolve"; operation: Operation; instruction: string; input: string }
  | { kind: "judge"; before: string; after: string }
  | { kind: "difficulty"; instruction: string }
  | { kind: "answer"; instruction: string; input: string }
  | { kind: "optimize"; operations: ReadRefinePrompt["operations"] };

interface Frame {
  head: string;
  tail: string;
}

// Computed once: the simulator calls identifyPrompt on every request. The
// built-in methods' prompts split back exactly; a user's method is recognised
// by its labels alone (recognisedByLabels).
const BUILTIN_TEXTS = BUILTIN_METHODS.map((method) => method.texts);
const EVOLVE_FRAMES = BUILTIN_TEXTS.flatMap((texts) =>
  OPERATIONS.flatMap((operation) =>
    [false, true].map((hasInput) => ({
      operation,
      hasInput,
      frame: { head: evolveHead(operation, hasInput, texts), tail: evolveTail(operation) },
    })),
  ),
);
const JUDGE_HEADS = BUILTIN_TEXTS.map((texts) => judgeHead(texts));
const DIFFICULTY_HEADS = BUILTIN_TEXTS.map((texts) => difficultyHead(texts));

function inside(text: string, { head, tail }: Frame): string | null {
  if (text.length < head.length + tail.length) return null;
  if (!text.startsWith(head) || !text.endsWith(tail)) return null;
  return text.slice(head.length, text.length - tail.length);
}

// Two free texts joined by a separator cannot always be split back: the split
// at the first separator is exact unless the first text contains the
// separator itself (a blank line followed by "#Given Input#:", "#Input#:" or
// "#Second Prompt#:"), which real instructions practically never do.
function splitOnce(body: string, separator: string): [string, string] | null {
  const at = body.indexOf(separator);
  return at < 0 ? null : [body.slice(0, at), body.slice(at + separator.length)];
}

/** Recognises the prompts built by templates.ts; anything else is an answer request. */
export function identifyPrompt(text: string): IdentifiedPrompt {
  const refine = readRefinePrompt(text);
  if (refine) return { kind: "optimize", operations: refine.operations };
  for (const { operation, hasInput, frame } of EVOLVE_FRAMES) {
    const body = inside(text, frame);
    if (body === null) continue;
    if (!hasInput) return { kind: "evolve", operation, instruction: body, input: "" };
    const parts = splitOnce(body, INPUT_SEPARATOR);
    if (parts && parts[1] !== "") return { kind: "evolve", operation, instruction: parts[0], input: parts[1] };
  }
  for (const head of JUDGE_HEADS) {
    const judged = inside(text, { head, tail: JUDGE_TAIL });
    const pair = judged === null ? null : splitOnce(judged, JUDGE_SEPARATOR);
    if (pair) return { kind: "judge", before: pair[0], after: pair[1] };
  }
  for (const head of DIFFICULTY_HEADS) {
    const rated = inside(text, { head, tail: DIFFICULTY_TAIL });
    if (rated !== null) return { kind: "difficulty", instruction: rated };
  }
  const byLabels = recognisedByLabels(text);
  if (byLabels) return byLabels;
  const withInput = splitOnce(text, ANSWER_INPUT_SEPARATOR);
  if (withInput && withInput[1] !== "") return { kind: "answer", instruction: withInput[0], input: withInput[1] };
  return { kind: "answer", instruction: text, input: "" };
}

/**
 * A prompt of a user's method: its wording is unknown, but the labels frame it
 * (the method's texts may not hold a blank line and a label). An instruction
 * that holds the input separator itself is split at it, as for answers.
 */
function recognisedByLabels(text: string): IdentifiedPrompt | null {
  const framed = (label: string, tail: string) => {
    const at = text.indexOf(`\n\n${label}\n`);
    if (at <= 0 || !text.endsWith(tail)) return null;
    const start = at + label.length + 3;
    return start <= text.length - tail.length
      ? { head: text.slice(0, at), body: text.slice(start, text.length - tail.length) }
      : null;
  };
  for (const tail of [evolveTail("add_constraints"), evolveTail("breadth")]) {
    const found = framed(LABELS.given, tail);
    if (!found) continue;
    const operation: Operation =
      tail === evolveTail("breadth")
        ? "breadth"
        : (IN_DEPTH_OPERATIONS.find((op) => mentions(found.head, op)) ?? "add_constraints");
    const parts = splitOnce(found.body, INPUT_SEPARATOR);
    return parts && parts[1] !== ""
      ? { kind: "evolve", operation, instruction: parts[0], input: parts[1] }
      : { kind: "evolve", operation, instruction: found.body, input: "" };
  }
  const judged = framed(LABELS.first, JUDGE_TAIL);
  const pair = judged === null ? null : splitOnce(judged.body, JUDGE_SEPARATOR);
  if (pair) return { kind: "judge", before: pair[0], after: pair[1] };
  const rated = framed(LABELS.instruction, DIFFICULTY_TAIL);
  if (rated) return { kind: "difficulty", instruction: rated.body };
  return null;
}

// The simulator answers each operation in its own way: a user's method that kept a built-in sentence keeps it.
function mentions(head: string, operation: Operation): boolean {
  return BUILTIN_TEXTS.some((texts) => operation !== "breadth" && head.includes(texts.operationMethods[operation]));
}
