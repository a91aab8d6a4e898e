import { z } from "zod";
import { methodTextsSchema } from "@/lib/evolution/method-texts";

export const methodNameSchema = z
  .string()
  .trim()
  .min(2, "At least 2 characters.")
  .max(40, "At most 40 characters.")
  .regex(/^[a-z][a-z0-9-]*$/, "Lower-case letters, digits and dashes, starting with a letter.");

export const copyMethodSchema = z.object({
  fromVersionId: z.uuid(),
  name: methodNameSchema,
  description: z.string().trim().max(300).default(""),
});
export type CopyMethodOptions = z.infer<typeof copyMethodSchema>;

export const saveMethodVersionSchema = z.object({
  methodId: z.uuid(),
  texts: methodTextsSchema,
  note: z.string().trim().min(1, "Say what changed.").max(500, "At most 500 characters."),
  /** The version these texts were made from: saving is refused when the method has a newer one meanwhile. */
  basedOnVersionId: z.uuid().optional(),
});
export type SaveMethodVersionOptions = z.infer<typeof saveMethodVersionSchema>;

export const TRIAL_SAMPLES = 5;
const TRIAL_TEXT_MAX = 20_000;

export const tryMethodSchema = z.object({
  texts: methodTextsSchema,
  samples: z
    .array(
      z.object({
        instruction: z.string().trim().min(1, "A sample needs an instruction.").max(TRIAL_TEXT_MAX),
        input: z.string().max(TRIAL_TEXT_MAX).default(""),
      }),
    )
    .min(1, "Choose at least one sample.")
    .max(TRIAL_SAMPLES, `At most ${TRIAL_SAMPLES} samples.`),
  endpoint: z.enum(["openai", "simulator"]),
});

export const suggestMethodRevisionSchema = z.object({
  methodVersionId: z.uuid(),
  endpoint: z.enum(["openai", "simulator"]),
  /** The optimizer's model on the real endpoint; unset: LLM_OPTIMIZER_MODEL (or LLM_MODEL). */
  model: z.string().trim().min(1).max(200).optional(),
});
export type SuggestMethodRevisionOptions = z.infer<typeof suggestMethodRevisionSchema>;
