import { z } from "zod";
import { DIFFICULTY_BUCKETS, type DifficultyBucket } from "@/lib/eval-sets/difficulty-buckets";

/** Per bucket; far above any project's accepted nodes, low enough to refuse a typo. */
export const MAX_BUCKET_SIZE = 100_000;

const sizeSchema = z.coerce
  .number({ error: "Give each bucket a number of nodes." })
  .int("A size is a whole number of nodes.")
  .min(0, "A size cannot be negative.")
  .max(MAX_BUCKET_SIZE, `Ask for at most ${MAX_BUCKET_SIZE.toLocaleString("en-US")} nodes per bucket.`);

export const bucketSizesSchema = z
  .object(
    Object.fromEntries(DIFFICULTY_BUCKETS.map((b) => [b, sizeSchema])) as Record<DifficultyBucket, typeof sizeSchema>,
  )
  .refine((sizes) => DIFFICULTY_BUCKETS.some((b) => sizes[b] > 0), "Ask for at least one node in some bucket.");

export const buildEvalSetSchema = z.object({
  projectId: z.uuid("Unknown project."),
  name: z.string().trim().min(1, "An evaluation set needs a name.").max(120, "Keep the name under 120 characters."),
  holdOut: z.boolean().default(true),
  sizes: bucketSizesSchema,
  /** Blank: a random seed is chosen (and recorded with the set). */
  seed: z.string().trim().max(100, "Keep the seed under 100 characters.").default(""),
});
export type BuildEvalSetInput = z.output<typeof buildEvalSetSchema>;

export const deleteEvalSetSchema = z.object({
  projectId: z.uuid("Unknown project."),
  evalSetId: z.uuid("Unknown evaluation set."),
});
