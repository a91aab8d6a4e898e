import { type FileMetaData, parquetMetadata, parquetReadObjects } from "hyparquet";
import { formatBytes } from "./decode-utf8";
import { SeedFileError } from "./seed-file-error";
import type { RawRecord } from "./types";

/**
 * What one Parquet file may expand to. A few MB of compressed Parquet can
 * hold gigabytes of text, so the upload's size says little: rows and
 * decompressed bytes are checked from the file's footer before any page is
 * read (and rows again after, should the footer lie).
 */
export interface ParquetLimits {
  maxRows: number;
  maxDecompressedBytes: number;
}

export const DEFAULT_PARQUET_LIMITS: ParquetLimits = { maxRows: 1_000_000, maxDecompressedBytes: 256 * 1024 * 1024 };

const count = (n: number | bigint) => n.toLocaleString("en-US");

// Parquet values arrive as JS values the JSON readers never produce: INT64 as
// bigint, timestamps as Date. Turn them into what JSON.parse would have given
// so the schema mappers and the jsonb metadata column see the same shapes.
function jsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return undefined; // raw binary has no place in a text seed
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const j = jsonValue(x);
      if (j !== undefined) out[k] = j;
    }
    return out;
  }
  return v;
}

function decompressedBytes(metadata: FileMetaData): bigint {
  let total = 0n;
  for (const group of metadata.row_groups)
    for (const column of group.columns) total += column.meta_data?.total_uncompressed_size ?? 0n;
  return total;
}

function checkFooter(metadata: FileMetaData, limits: ParquetLimits): void {
  if (metadata.num_rows > BigInt(limits.maxRows)) {
    throw new SeedFileError(
      `The Parquet file has ${count(metadata.num_rows)} rows; the limit is ${count(limits.maxRows)}. Split the file.`,
    );
  }
  const bytes = decompressedBytes(metadata);
  if (bytes > BigInt(limits.maxDecompressedBytes)) {
    throw new SeedFileError(
      `The Parquet file decompresses to ${formatBytes(Number(bytes))}; the limit is ${formatBytes(limits.maxDecompressedBytes)}. Split the file.`,
    );
  }
}

/** The rows of a Parquet file as records; `line` is the 1-based row number. */
export async function readParquetRecords(
  bytes: Uint8Array,
  limits: ParquetLimits = DEFAULT_PARQUET_LIMITS,
): Promise<RawRecord[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  let rows: Record<string, unknown>[];
  try {
    metadata = parquetMetadata(file);
  } catch (e) {
    throw new SeedFileError(`Not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}.`);
  }
  checkFooter(metadata, limits);
  try {
    rows = await parquetReadObjects({ file, metadata });
  } catch (e) {
    throw new SeedFileError(`Not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}.`);
  }
  if (rows.length > limits.maxRows) {
    throw new SeedFileError(`The Parquet file has ${count(rows.length)} rows; the limit is ${count(limits.maxRows)}.`);
  }
  return rows.map((row, i) => ({ line: i + 1, value: jsonValue(row) }));
}
