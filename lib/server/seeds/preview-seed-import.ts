import type { ParseResult } from "@/lib/seeds/parse-seed-file";
import { findExistingSeedHashes } from "./find-existing-hashes";

const LIST_LIMIT = 200;

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
      .map(({ line, instruction, input, output, metadata }) => ({ line, instruction, input, output, metadata })),
  };
}
