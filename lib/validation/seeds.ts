import { z } from "zod";

export const MAX_SEED_FILE_MB = 50;
export const MAX_SEED_FILE_BYTES = MAX_SEED_FILE_MB * 1024 * 1024;

const checkbox = z.union([z.boolean(), z.enum(["true", "false", "on"]).transform((v) => v !== "false")]);

/** A seed file as the import form sends it: an uploaded file or pasted text. */
export const seedUploadSchema = z
  .object({
    projectId: z.uuid("Unknown project."),
    file: z
      .instanceof(File)
      .optional()
      .refine(
        (f) => !f || f.size <= MAX_SEED_FILE_BYTES,
        `Files over ${MAX_SEED_FILE_MB} MB are not accepted; split the file.`,
      ),
    text: z.string().max(MAX_SEED_FILE_BYTES, `Pasted text over ${MAX_SEED_FILE_MB} MB is not accepted.`).optional(),
    skipInvalid: checkbox.optional().default(false),
  })
  .refine((v) => (v.file && v.file.size > 0) || (v.text && v.text.trim().length > 0), {
    message: "Choose a file or paste some text first.",
    path: ["file"],
  });

export type SeedUpload = z.output<typeof seedUploadSchema>;
