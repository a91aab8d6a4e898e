// The shared shapes of an export: what the server streams out of Postgres
// (ExportRecord) and what the pure encoders in lib/export turn into files.

export const EXPORT_FORMATS = ["alpaca", "alpaca-json", "sharegpt", "openai", "csv", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One node as exported. Text fields are exactly as stored (edits applied). */
export interface ExportRecord {
  id: string;
  rootId: string;
  parentId: string | null;
  round: number;
  /** null for seeds */
  operation: string | null;
  instruction: string;
  input: string;
  /** null when the node has no answer yet (such records are left out of every format: encode-export.ts) */
  output: string | null;
  verdict: "pending" | "passed" | "failed";
  failedRules: string[];
  humanStatus: "unreviewed" | "accepted" | "rejected" | "disputed";
  /**
   * Emails of the people whose standing decisions the node has, in decision
   * order: who they are (a display name is not an identity, two people may
   * share one).
   */
  reviewers: string[];
  /** Their display names at export time, in the same order. */
  reviewerNames: string[];
  difficulty: number | null;
}

export interface EncodeOptions {
  format: ExportFormat;
  /** Add the lineage columns (LINEAGE in lineage-columns.ts: id, root_id, parent_id, round, …). */
  lineage: boolean;
  /** Optional system prompt for the chat formats (sharegpt: `system` field; openai: a leading system message). */
  systemPrompt?: string;
  /** CSV only: write cells exactly as stored, without neutralising formulas (encode-csv.ts). */
  keepRawText?: boolean;
}

/** File extension per format (without the dot). */
export const FORMAT_EXTENSION: Record<ExportFormat, string> = {
  alpaca: "jsonl",
  "alpaca-json": "json",
  sharegpt: "jsonl",
  openai: "jsonl",
  csv: "csv",
  parquet: "parquet",
};

/**
 * Formats that cannot carry lineage columns: OpenAI's fine-tuning refuses a
 * line with any top-level key but `messages` (decision 0021).
 */
export const NO_LINEAGE_FORMATS: readonly ExportFormat[] = ["openai"];
export const NO_LINEAGE_REASON =
  "OpenAI chat files cannot carry lineage columns: OpenAI's fine-tuning refuses any key but messages. Export JSONL, CSV or Parquet for the lineage.";

/** Whether lineage columns are on unless asked otherwise (off by default in the chat formats). */
export const LINEAGE_DEFAULT: Record<ExportFormat, boolean> = {
  alpaca: true,
  "alpaca-json": true,
  sharegpt: false,
  openai: false,
  csv: true,
  parquet: true,
};
