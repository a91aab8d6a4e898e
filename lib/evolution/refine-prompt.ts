import type { InDepthOperation, MethodTexts } from "./method-texts";
import { IN_DEPTH_OPERATIONS } from "./operations";
import { LABELS } from "./prompt-labels";

/** One failure of a method version's operation: a rewrite the eliminator dropped or a reviewer rejected. */
export interface RefineCase {
  /** The node the failure is (for links; not sent to the optimizer). */
  nodeId: string;
  projectId: string;
  operation: InDepthOperation;
  kind: "eliminated" | "rejected";
  /** eliminated: the rule that failed, and the eliminator's reason for it. */
  rule: string | null;
  reason: string | null;
  /** rejected: the reviewer's reason tags and note. */
  tags: string[];
  note: string;
  /** The instruction that was rewritten, and the rewrite. */
  parent: string;
  instruction: string;
}

/** Characters of each text one case shows the optimizer: enough to see what went wrong, and a bounded prompt. */
export const CASE_TEXT_LIMITS = { parent: 300, instruction: 500, reason: 200, note: 300 } as const;

// Our own words (after Auto Evol-Instruct, arXiv 2406.00770, which lets an
// optimizer model revise the evolving method from the failures it caused).
export const REFINE_HEAD = [
  "You improve the wording of a method that makes instructions harder. For each operation the method has one sentence " +
    'telling a rewriting model "how to make it harder"; the model then rewrites a given instruction following it.',
  "Below, for each operation, is the sentence in use now and some rewrites it produced that failed: some were dropped " +
    "by an automatic check (the check is named, with its reason), others were rejected by human reviewers (with their " +
    "reason tags and notes). Each shows the given instruction and the rewrite.",
  "For each operation listed, write one revised sentence that keeps what the operation is for but steers the " +
    "rewriting model away from failures like these. Give general guidance, not fixes for single examples; do not " +
    "quote the examples, and do not use labels such as #Operation#: in a sentence.",
].join("\n");
export const REFINE_TAIL =
  '\n\nReply with one line per operation listed, in the form "operation_name: revised sentence", and nothing else.';

/** Whitespace collapsed to single spaces (so no case text can start a line of the frame), clipped to `max`. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function describeCase(c: RefineCase, index: number): string {
  const why =
    c.kind === "eliminated"
      ? `Dropped by the check ${c.rule ?? "unknown"}${c.reason ? ` (${oneLine(c.reason, CASE_TEXT_LIMITS.reason)})` : ""}`
      : `Rejected by a reviewer${c.tags.length ? ` (tags: ${c.tags.join(", ")})` : ""}` +
        (c.note.trim() ? `; note: "${oneLine(c.note, CASE_TEXT_LIMITS.note)}"` : "");
  return (
    `${index + 1}. ${why}. Given: "${oneLine(c.parent, CASE_TEXT_LIMITS.parent)}" ` +
    `Rewrite: "${oneLine(c.instruction, CASE_TEXT_LIMITS.instruction)}"`
  );
}

/** The operations that have cases, in the method's order. */
export function operationsWithCases(cases: readonly RefineCase[]): InDepthOperation[] {
  return IN_DEPTH_OPERATIONS.filter((op) => cases.some((c) => c.operation === op)) as InDepthOperation[];
}

/**
 * The optimizer's prompt: per operation that has failures, its current
 * sentence and the failures. Operations without failures are left out (the
 * optimizer is asked only about what went wrong).
 */
export function buildRefinePrompt(texts: MethodTexts, cases: readonly RefineCase[]): string {
  const blocks = operationsWithCases(cases).map((op) =>
    [
      `${LABELS.operation} ${op}`,
      `${LABELS.currentMethod} ${texts.operationMethods[op]}`,
      "",
      LABELS.failures,
      ...cases.filter((c) => c.operation === op).map(describeCase),
    ].join("\n"),
  );
  return `${REFINE_HEAD}\n\n${blocks.join("\n\n")}${REFINE_TAIL}`;
}

export interface ReadRefinePrompt {
  operations: { operation: InDepthOperation; current: string; rules: string[]; rejected: number }[];
}

const isInDepth = (op: string): op is InDepthOperation => (IN_DEPTH_OPERATIONS as readonly string[]).includes(op);

/** An optimizer prompt split back into its operations (the simulator's side); null for any other prompt. */
export function readRefinePrompt(text: string): ReadRefinePrompt | null {
  if (!text.startsWith(REFINE_HEAD) || !text.endsWith(REFINE_TAIL)) return null;
  const body = text.slice(REFINE_HEAD.length, text.length - REFINE_TAIL.length);
  // A method sentence may not hold a blank line followed by a label (method-texts.ts), nor a case a newline.
  const blocks = body.split(`\n\n${LABELS.operation} `).slice(1);
  const operations: ReadRefinePrompt["operations"] = [];
  for (const block of blocks) {
    const [head, failures = ""] = block.split(`\n\n${LABELS.failures}\n`);
    const newline = head.indexOf("\n");
    const operation = head.slice(0, newline);
    const current = head.slice(newline + 1);
    if (!isInDepth(operation) || !current.startsWith(`${LABELS.currentMethod} `)) return null;
    const lines = failures.split("\n");
    operations.push({
      operation,
      current: current.slice(LABELS.currentMethod.length + 1),
      rules: [...new Set(lines.flatMap((l) => l.match(/^\d+\. Dropped by the check ([a-z_]+)/)?.[1] ?? []))],
      rejected: lines.filter((l) => /^\d+\. Rejected by a reviewer/.test(l)).length,
    });
  }
  return operations.length ? { operations } : null;
}
