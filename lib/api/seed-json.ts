// How seeds and seed imports look in the REST API (/api/v1): snake_case, ISO
// times. The schemas describe the answers in the OpenAPI document.
import { z } from "zod";
import type { SeedFormat, SeedSchema } from "@/lib/seeds/parse-seed-file";
import type { SeedRow } from "@/lib/server/seeds/list-seeds";
import type { SeedImportSummary } from "@/lib/server/seeds/import-seeds";
import type { SeedImportPreview } from "@/lib/server/seeds/preview-seed-import";

export const seedJsonSchema = z.object({
  id: z.uuid(),
  instruction: z.string().describe("Its first 400 characters (instruction_length says how long it is)."),
  instruction_length: z.int(),
  input: z.string().describe("Its first 400 characters."),
  output: z.string().nullable().describe("Its first 400 characters."),
  metadata: z.record(z.string(), z.unknown()).describe("The keys the Seeds page shows as badges."),
  created_at: z.iso.datetime(),
});

export function seedJson(seed: SeedRow): z.output<typeof seedJsonSchema> {
  return {
    id: seed.id,
    instruction: seed.instruction,
    instruction_length: seed.instructionLength,
    input: seed.input,
    output: seed.output,
    metadata: seed.metadata,
    created_at: seed.createdAt.toISOString(),
  };
}

const lineErrorSchema = z.object({ line: z.int(), message: z.string() });
const formatSchema = z.enum(["jsonl", "json", "csv", "text", "parquet"] satisfies SeedFormat[]);
const schemaSchema = z.enum([
  "alpaca",
  "self_instruct",
  "wizardlm_testset",
  "sharegpt",
  "openai_chat",
  "plain_text",
  "generic",
] satisfies SeedSchema[]);

export const seedImportJsonSchema = z.object({
  dry_run: z.literal(false),
  import_id: z.uuid(),
  file_name: z.string().nullable(),
  format: formatSchema,
  rows_read: z.int(),
  imported: z.int(),
  duplicates_in_file: z.int(),
  already_in_project: z.int(),
  skipped_invalid: z.int(),
});

export function seedImportJson(
  summary: SeedImportSummary,
  about: { fileName: string | null; format: SeedFormat; rowsRead: number },
): z.output<typeof seedImportJsonSchema> {
  return {
    dry_run: false,
    import_id: summary.importId,
    file_name: about.fileName,
    format: about.format,
    rows_read: about.rowsRead,
    imported: summary.imported,
    duplicates_in_file: summary.duplicatesInFile,
    already_in_project: summary.alreadyInProject,
    skipped_invalid: summary.skippedInvalid,
  };
}

export const seedImportPreviewJsonSchema = z.object({
  dry_run: z.literal(true),
  file_name: z.string().nullable(),
  format: formatSchema,
  schema: schemaSchema,
  mapping: z.object({
    instruction: z.string(),
    input: z.string().nullable(),
    output: z.string().nullable(),
    metadata: z.array(z.string()),
  }),
  rows_read: z.int(),
  valid: z.int(),
  new_seeds: z.int(),
  already_in_project: z.int(),
  error_count: z.int(),
  errors: z.array(lineErrorSchema).describe("The first 200 records with errors, by line (row) number."),
  duplicate_count: z.int(),
  duplicates: z.array(z.object({ line: z.int(), first_line: z.int() })).describe("The first 200."),
  sample: z
    .array(
      z.object({
        line: z.int(),
        instruction: z.string(),
        input: z.string(),
        output: z.string().nullable(),
        metadata: z.record(z.string(), z.unknown()),
      }),
    )
    .describe("The first 5 seeds as they would be imported, each text clipped to 2,000 characters."),
});

export function seedImportPreviewJson(preview: SeedImportPreview): z.output<typeof seedImportPreviewJsonSchema> {
  return {
    dry_run: true,
    file_name: preview.fileName,
    format: preview.format,
    schema: preview.schema,
    mapping: preview.mapping,
    rows_read: preview.rowsRead,
    valid: preview.valid,
    new_seeds: preview.newSeeds,
    already_in_project: preview.alreadyInProject,
    error_count: preview.errorCount,
    errors: preview.errors,
    duplicate_count: preview.duplicateCount,
    duplicates: preview.duplicates.map((d) => ({ line: d.line, first_line: d.firstLine })),
    sample: preview.sample,
  };
}

/** A POST answers the import (201), or with `?dry_run=1` what it would do (200). */
export const seedImportResultJsonSchema = z.discriminatedUnion("dry_run", [
  seedImportJsonSchema,
  seedImportPreviewJsonSchema,
]);
