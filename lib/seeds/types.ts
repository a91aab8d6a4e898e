/** Formats read as text (and that a caller may force). */
export type TextSeedFormat = "jsonl" | "json" | "csv" | "text";
export type SeedFormat = TextSeedFormat | "parquet";

// "generic" = an instruction-like field was found only through an alias
// (prompt/question/query, or non-Alpaca input/output names).
export type SeedSchema =
  "alpaca" | "self_instruct" | "wizardlm_testset" | "sharegpt" | "openai_chat" | "plain_text" | "generic";

export interface ParsedSeed {
  line: number;
  instruction: string;
  input: string;
  output: string | null;
  metadata: Record<string, unknown>;
  contentHash: string;
}

export interface LineError {
  line: number;
  message: string;
}

export interface FieldMapping {
  instruction: string;
  input: string | null;
  output: string | null;
  metadata: string[];
}

export interface ParseResult {
  format: SeedFormat;
  schema: SeedSchema;
  mapping: FieldMapping;
  rowsRead: number;
  seeds: ParsedSeed[];
  errors: LineError[];
  duplicates: { line: number; firstLine: number }[];
}

export interface ParseOptions {
  fileName?: string;
  maxBytes?: number;
  format?: TextSeedFormat;
  /** Longest instruction, input, output or metadata text, in characters (SEED_MAX_FIELD_CHARS). */
  maxFieldChars?: number;
}

// One record as read from the file, before schema mapping. Readers report
// syntax problems here instead of throwing so one bad line never sinks the file.
export type RawRecord = { line: number; value: unknown; error?: undefined } | { line: number; error: string };
