import { formatBytes } from "./decode-utf8";
import { isParquetFile } from "./detect-format";
import { DEFAULT_MAX_BYTES, parseRecords, parseSeedFile } from "./parse-seed-file";
import { readParquetRecords } from "./read-parquet";
import { SeedFileError } from "./seed-file-error";
import type { ParseOptions, ParseResult } from "./types";

/**
 * parseSeedFile plus Parquet, whose reader is asynchronous. Text formats go
 * through the synchronous parser unchanged. Reads Parquet on the calling
 * thread: the web server uses lib/server/seeds/parquet-thread.ts instead.
 */
export async function parseSeedFileAsync(bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParseResult> {
  if (opts.format !== undefined || !isParquetFile(bytes, opts.fileName)) return parseSeedFile(bytes, opts);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new SeedFileError(
      `File is too large: ${formatBytes(bytes.byteLength)} (${bytes.byteLength} bytes); the limit is ${formatBytes(maxBytes)}.`,
    );
  }
  return parseRecords("parquet", await readParquetRecords(bytes), { maxFieldChars: opts.maxFieldChars });
}
