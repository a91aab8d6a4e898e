import { assertWithinSize } from "./decode-utf8";
import { isParquetFile } from "./detect-format";
import { DEFAULT_MAX_BYTES, parseRecords, parseSeedFile } from "./parse-seed-file";
import { readParquetRecords } from "./read-parquet";
import type { ParseOptions, ParseResult } from "./types";

/**
 * parseSeedFile plus Parquet, whose reader is asynchronous. Text formats go
 * through the synchronous parser unchanged. Reads Parquet on the calling
 * thread: the web server uses lib/server/seeds/seed-parse-thread.ts instead.
 */
export async function parseSeedFileAsync(bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParseResult> {
  if (opts.format !== undefined || !isParquetFile(bytes, opts.fileName)) return parseSeedFile(bytes, opts);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  assertWithinSize(bytes, maxBytes);
  return parseRecords("parquet", await readParquetRecords(bytes), { maxFieldChars: opts.maxFieldChars });
}
