import { OPERATIONS, type Operation } from "./operations";
import {
  ANSWER_INPUT_SEPARATOR,
  DIFFICULTY_HEAD,
  DIFFICULTY_TAIL,
  INPUT_SEPARATOR,
  JUDGE_HEAD,
  JUDGE_SEPARATOR,
  JUDGE_TAIL,
  evolveHead,
  evolveTail,
} from "./templates";

export type IdentifiedPrompt =
  | { kind: "evolve"; operation: Operation; instruction: string; input: string }
  | { kind: "judge"; before: string; after: string }
  | { kind: "difficulty"; instruction: string }
  | { kind: "answer"; instruction: string; input: string };

interface Frame {
  head: string;
  tail: string;
}

// Computed once: the simulator calls identifyPrompt on every request.
const EVOLVE_FRAMES = OPERATIONS.flatMap((operation) =>
  [false, true].map((hasInput) => ({
    operation,
    hasInput,
    frame: { head: evolveHead(operation, hasInput), tail: evolveTail(operation) },
  })),
);

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
  for (const { operation, hasInput, frame } of EVOLVE_FRAMES) {
    const body = inside(text, frame);
    if (body === null) continue;
    if (!hasInput) return { kind: "evolve", operation, instruction: body, input: "" };
    const parts = splitOnce(body, INPUT_SEPARATOR);
    if (parts && parts[1] !== "") return { kind: "evolve", operation, instruction: parts[0], input: parts[1] };
  }
  const judged = inside(text, { head: JUDGE_HEAD, tail: JUDGE_TAIL });
  const pair = judged === null ? null : splitOnce(judged, JUDGE_SEPARATOR);
  if (pair) return { kind: "judge", before: pair[0], after: pair[1] };
  const rated = inside(text, { head: DIFFICULTY_HEAD, tail: DIFFICULTY_TAIL });
  if (rated !== null) return { kind: "difficulty", instruction: rated };
  const withInput = splitOnce(text, ANSWER_INPUT_SEPARATOR);
  if (withInput && withInput[1] !== "") return { kind: "answer", instruction: withInput[0], input: withInput[1] };
  return { kind: "answer", instruction: text, input: "" };
}
