import { parquetReadObjects } from "hyparquet";
import { SeedFileError } from "./seed-file-error";
import type { RawRecord } from "./types";

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

/** The rows of a Parquet file as records; `line` is the 1-based row number. */
export async function readParquetRecords(bytes: Uint8Array): Promise<RawRecord[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file });
  } catch (e) {
    throw new SeedFileError(`Not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}.`);
  }
  return rows.map((row, i) => ({ line: i + 1, value: jsonValue(row) }));
}
