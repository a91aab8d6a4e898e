import { DEFAULT_MAX_FIELD_CHARS, fieldLengthProblem } from "@/lib/text/field-length";
import { contentHashOf } from "./content-hash";
import { decodeSeedBytes } from "./decode-utf8";
import { type FormatChoice, formatFromFileName, sniffFormat } from "./detect-format";
import { detectSchema } from "./detect-schema";
import { LineIndex } from "./line-index";
import { readCsv } from "./read-csv";
import { readJsonDocument } from "./read-json";
import { readJsonLines, readTextLines } from "./read-lines";
import { describeType, isObject, type JsonObject, RecordError, type SchemaMapper } from "./schemas/fields";
import { plainTextMapper } from "./schemas/plain-text";
import { SeedFileError } from "./seed-file-error";
import type { FieldMapping, ParseOptions, ParseResult, ParsedSeed, RawRecord, SeedFormat } from "./types";

export { contentHashOf, normalizeWhitespace } from "./content-hash";
export { SeedFileError } from "./seed-file-error";
export type * from "./types";

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const SCHEMA_SAMPLE_SIZE = 20;

function chooseFormat(text: string, opts: ParseOptions, byName: FormatChoice | null): FormatChoice {
  if (opts.format) return { format: opts.format, delimiter: byName?.delimiter ?? "," };
  return byName ?? sniffFormat(text);
}

function readRecords(text: string, choice: FormatChoice): { format: SeedFormat; records: RawRecord[] } {
  switch (choice.format) {
    case "jsonl":
      return { format: "jsonl", records: readJsonLines(text) };
    case "json":
      return readJsonDocument(text, new LineIndex(text));
    case "csv":
      return { format: "csv", records: readCsv(text, choice.delimiter, new LineIndex(text)) };
    case "text":
      return { format: "text", records: readTextLines(text) };
  }
}

function chooseMapper(format: SeedFormat, records: readonly RawRecord[]): SchemaMapper {
  if (format === "text") return plainTextMapper;
  const sample: JsonObject[] = [];
  for (const r of records) {
    if (r.error === undefined && isObject(r.value)) sample.push(r.value);
    if (sample.length === SCHEMA_SAMPLE_SIZE) break;
  }
  if (sample.length > 0) return detectSchema(sample);
  const first = records[0];
  const why =
    first === undefined ? "" : first.error !== undefined ? first.error : `it is a JSON ${describeType(first.value)}`;
  throw new SeedFileError(
    `No valid record objects found; the first record (line ${first?.line ?? 1}) is unusable: ${why}.`,
  );
}

// A target is only reported as fed when at least one seed got data from it.
function finalMapping(mapper: SchemaMapper, seeds: readonly ParsedSeed[]): FieldMapping {
  const keys = new Set<string>();
  for (const s of seeds) for (const k of Object.keys(s.metadata)) keys.add(k);
  return {
    instruction: mapper.mapping.instruction,
    input: seeds.some((s) => s.input !== "") ? mapper.mapping.input : null,
    output: seeds.some((s) => s.output !== null) ? mapper.mapping.output : null,
    metadata: [...keys].map((k) => mapper.metadataSources[k] ?? k),
  };
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(([k, v]) => hasNul(k) || hasNul(v));
  return false;
}

function containsNul(seed: Pick<ParsedSeed, "instruction" | "input" | "output" | "metadata">): boolean {
  return hasNul([seed.instruction, seed.input, seed.output, seed.metadata]);
}

// One oversized field would make every page that shows the seed (and every
// prompt built from it) huge, so it is a line error like any other.
function oversizedField(seed: Pick<ParsedSeed, "instruction" | "input" | "output" | "metadata">, limit: number) {
  const fields: [string, unknown][] = [
    ["instruction", seed.instruction],
    ["input", seed.input],
    ["output", seed.output],
    ...Object.entries(seed.metadata).map(([key, value]): [string, unknown] => [`metadata field "${key}"`, value]),
  ];
  for (const [label, value] of fields) {
    const problem = typeof value === "string" ? fieldLengthProblem(label, value, limit) : null;
    if (problem) return problem;
  }
  return null;
}

export function parseSeedFile(bytes: Uint8Array, opts: ParseOptions = {}): ParseResult {
  // Checked before decoding so a binary upload is rejected by name, not as bad UTF-8.
  const byName = opts.format ? null : formatFromFileName(opts.fileName);
  const text = decodeSeedBytes(bytes, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!/\S/.test(text)) throw new SeedFileError("File is empty.");

  const { format, records } = readRecords(text, chooseFormat(text, opts, byName));
  return parseRecords(format, records, { maxFieldChars: opts.maxFieldChars });
}

/**
 * Maps records from any reader (text formats here, Parquet in
 * parse-seed-file-async.ts) to seeds: schema detection, per-line errors,
 * NUL checks and in-file duplicates.
 */
export function parseRecords(
  format: SeedFormat,
  records: readonly RawRecord[],
  opts: Pick<ParseOptions, "maxFieldChars"> = {},
): ParseResult {
  const maxFieldChars = opts.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS;
  if (records.length === 0) throw new SeedFileError("File contains no records (only a header or blank lines).");
  const mapper = chooseMapper(format, records);

  const result: ParseResult = {
    format,
    schema: mapper.schema,
    mapping: { instruction: "", input: null, output: null, metadata: [] },
    rowsRead: records.length,
    seeds: [],
    errors: [],
    duplicates: [],
  };
  const firstLineByHash = new Map<string, number>();
  for (const record of records) {
    const { line } = record;
    if (record.error !== undefined) {
      result.errors.push({ line, message: `Line ${line}: ${record.error}` });
      continue;
    }
    let mapped;
    try {
      mapped = mapper.map(record.value);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      result.errors.push({ line, message: `Line ${line}: ${e.message}` });
      continue;
    }
    // Postgres text and jsonb cannot hold NUL; say so here rather than fail the whole write.
    if (containsNul(mapped)) {
      result.errors.push({ line, message: `Line ${line}: contains a NUL character (\\u0000), which cannot be stored` });
      continue;
    }
    const tooLong = oversizedField(mapped, maxFieldChars);
    if (tooLong) {
      result.errors.push({ line, message: `Line ${line}: ${tooLong}` });
      continue;
    }
    const contentHash = contentHashOf(mapped.instruction, mapped.input);
    const firstLine = firstLineByHash.get(contentHash);
    if (firstLine !== undefined) {
      result.duplicates.push({ line, firstLine });
      continue;
    }
    firstLineByHash.set(contentHash, line);
    result.seeds.push({ line, ...mapped, contentHash });
  }
  result.mapping = finalMapping(mapper, result.seeds);
  return result;
}
