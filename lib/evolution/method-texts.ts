import { z } from "zod";
import { IN_DEPTH_OPERATIONS, type Operation } from "./operations";
import { LABELS } from "./prompt-labels";

export type InDepthOperation = Exclude<Operation, "breadth">;

export const METHOD_TEXT_MAX = 2000;

// A text that held a blank line followed by a label could not be split back
// out of the prompt (identify-prompt.ts, the simulator), so none may.
const FRAMING = Object.values(LABELS).map((label) => `\n\n${label}`);

const methodText = z
  .string()
  .trim()
  .min(1, "Must not be empty.")
  .max(METHOD_TEXT_MAX, `At most ${METHOD_TEXT_MAX} characters.`)
  .refine((text) => !FRAMING.some((frame) => text.includes(frame)), {
    message: "Must not hold a blank line followed by a prompt label (such as #Given Input#:).",
  });

/**
 * A method: every text the prompts are made of, apart from the fixed labels
 * and the user's own instruction and input (templates.ts puts them together).
 */
export const methodTextsSchema = z.object({
  /** In-depth: who the model is and what it should do. */
  depthIntro: methodText,
  /** In-depth: one "How to make it harder" sentence per operation. */
  operationMethods: z.object(
    Object.fromEntries(IN_DEPTH_OPERATIONS.map((op) => [op, methodText])) as Record<
      InDepthOperation,
      typeof methodText
    >,
  ),
  keepRule: methodText,
  /** Shown only when the prompt has an input. */
  depthInputNote: methodText,
  wordLimitRule: methodText,
  depthLabelRule: methodText,
  breadthIntro: methodText,
  breadthShape: methodText,
  /** Shown only when the prompt has an input. */
  breadthInputNote: methodText,
  breadthLabelRule: methodText,
  /** The judge's task: when two prompts are equal, and how to reply. */
  judge: methodText,
  /** The difficulty scorer's task: the scale, and how to reply. */
  difficulty: methodText,
});

export type MethodTexts = z.infer<typeof methodTextsSchema>;

/** Field keys in the order the editor shows them (operation methods flattened as operationMethods.<op>). */
export const METHOD_TEXT_FIELDS = [
  "depthIntro",
  ...IN_DEPTH_OPERATIONS.map((op) => `operationMethods.${op}` as const),
  "keepRule",
  "depthInputNote",
  "wordLimitRule",
  "depthLabelRule",
  "breadthIntro",
  "breadthShape",
  "breadthInputNote",
  "breadthLabelRule",
  "judge",
  "difficulty",
] as const;
