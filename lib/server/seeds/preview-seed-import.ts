import type { ParseResult } from "@/lib/seeds/parse-seed-file";
import { clipText } from "@/lib/text/text-limits";
import { findExistingSeedHashes } from "./find-existing-hashes";

const LIST_LIMIT = 200;
/** Characters of each sample text: enough to check the columns were read right, never megabytes. */
const SAMPLE_CHARS = 2_000;

export interface SeedImportPreview {
  fileName: string | null;
  format: ParseResult["format"];
  schema: ParseResult["schema"];
  mapping: ParseResult["mapping"];
  rowsRead: number;
  valid: number;
  newSeeds: number;
  alreadyInProject: number;
  errorCount: number;
  errors: ParseResult["errors"];
  duplicateCount: number;
  duplicates: ParseResult["duplicates"];
  sample: {
    line: number;
    instruction: string;
    input: string;
    output: string | null;
    metadata: Record<string, unknown>;
  }[];
}

/** What an import would do, computed without writing anything. */
export async function previewSeedImport(options: {
  projectId: string;
  parsed: ParseResult;
  fileName?: string | null;
}): Promise<SeedImportPreview> {
  const { parsed } = options;
  const existing = await findExistingSeedHashes({
    projectId: options.projectId,
    hashes: parsed.seeds.map((s) => s.contentHash),
  });
  return {
    fileName: options.fileName ?? null,
    format: parsed.format,
    schema: parsed.schema,
    mapping: parsed.mapping,
    rowsRead: parsed.rowsRead,
    valid: parsed.seeds.length,
    newSeeds: parsed.seeds.length - existing.size,
    alreadyInProject: existing.size,
    errorCount: parsed.errors.length,
    errors: parsed.errors.slice(0, LIST_LIMIT),
    duplicateCount: parsed.duplicates.length,
    duplicates: parsed.duplicates.slice(0, LIST_LIMIT),
    sample: parsed.seeds
      .slice(0, 5)
      // Clipped: the preview travels to the browser, and one seed can be megabytes long.
      .map(({ line, instruction, input, output, metadata }) => ({
        line,
        instruction: clipText(instruction, SAMPLE_CHARS),
        input: clipText(input, SAMPLE_CHARS),
        output: output === null ? null : clipText(output, SAMPLE_CHARS),
        metadata,
      })),
  };
}
