import { SeedFileError } from "./seed-file-error";
import type { TextSeedFormat } from "./types";

export interface FormatChoice {
  format: TextSeedFormat;
  delimiter: "," | "\t";
}

const BY_EXTENSION: Record<string, FormatChoice> = {
  jsonl: { format: "jsonl", delimiter: "," },
  ndjson: { format: "jsonl", delimiter: "," },
  json: { format: "json", delimiter: "," },
  csv: { format: "csv", delimiter: "," },
  tsv: { format: "csv", delimiter: "\t" },
  txt: { format: "text", delimiter: "," },
  text: { format: "text", delimiter: "," },
};

// Binary containers people commonly try; naming them beats a vague UTF-8 error.
const UNSUPPORTED = new Set(["parquet", "arrow", "xlsx", "xls", "zip", "gz", "bz2", "xz", "pdf", "docx"]);

const INSTRUCTION_HEADERS = new Set(["instruction", "prompt", "question", "query"]);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

// Runs before decoding so a .parquet upload is rejected by name, not as bad UTF-8.
export function formatFromFileName(fileName: string | undefined): FormatChoice | null {
  if (!fileName) return null;
  const ext = extensionOf(fileName);
  const known = BY_EXTENSION[ext];
  if (known) return known;
  if (ext === "parquet") {
    // Parquet needs an asynchronous reader; parseSeedFileAsync handles it before getting here.
    throw new SeedFileError(
      `Parquet files are read by the asynchronous importer (parseSeedFileAsync), not parseSeedFile.`,
    );
  }
  if (UNSUPPORTED.has(ext)) {
    throw new SeedFileError(
      `Unsupported file type ".${ext}". Supported formats: JSON Lines (.jsonl, .ndjson), JSON array (.json), CSV (.csv, .tsv), Parquet (.parquet) and plain text (.txt).`,
    );
  }
  return null;
}

function firstLine(text: string, from: number): string {
  const end = text.indexOf("\n", from);
  return text.slice(from, end < 0 ? text.length : end);
}

function looksLikeHeader(line: string, delimiter: string): boolean {
  if (!line.includes(delimiter)) return false;
  return line
    .split(delimiter)
    .some((cell) => INSTRUCTION_HEADERS.has(cell.trim().replace(/^"|"$/g, "").trim().toLowerCase()));
}

export function sniffFormat(text: string): FormatChoice {
  const start = text.search(/\S/);
  if (start < 0) return { format: "text", delimiter: "," };
  const first = text[start];
  if (first === "[") return { format: "json", delimiter: "," };
  if (first === "{") return { format: "jsonl", delimiter: "," };
  const header = firstLine(text, text.lastIndexOf("\n", start) + 1);
  if (looksLikeHeader(header, ",")) return { format: "csv", delimiter: "," };
  if (looksLikeHeader(header, "\t")) return { format: "csv", delimiter: "\t" };
  return { format: "text", delimiter: "," };
}

// "PAR1" opens (and closes) every Parquet file.
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];

/** A Parquet upload, known by its magic bytes at both ends or, failing that, its name. */
export function isParquetFile(bytes: Uint8Array, fileName: string | undefined): boolean {
  const tail = bytes.length - PARQUET_MAGIC.length;
  // Both ends, so pasted text that happens to start with "PAR1" stays text.
  if (tail >= PARQUET_MAGIC.length && PARQUET_MAGIC.every((b, i) => bytes[i] === b && bytes[tail + i] === b))
    return true;
  return fileName !== undefined && extensionOf(fileName) === "parquet";
}
