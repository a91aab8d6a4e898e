import { formatBytes } from "@/lib/seeds/decode-utf8";
import { isParquetFile } from "@/lib/seeds/detect-format";
import { parseSeedFile, SeedFileError, type ParseResult } from "@/lib/seeds/parse-seed-file";
import { getEnv } from "@/lib/server/config/env";
import { UserFacingError } from "@/lib/server/errors";
import { MAX_SEED_FILE_BYTES, type SeedUpload } from "@/lib/validation/seeds";
import { parseParquetInThread, type ParquetThreadLimits } from "./parquet-thread";

async function parseBytes(options: {
  bytes: Uint8Array;
  fileName: string | null;
  parquetLimits?: Partial<ParquetThreadLimits>;
}): Promise<ParseResult> {
  const { bytes, fileName } = options;
  const maxFieldChars = getEnv().SEED_MAX_FIELD_CHARS;
  if (!isParquetFile(bytes, fileName ?? undefined)) {
    return parseSeedFile(bytes, { fileName: fileName ?? undefined, maxBytes: MAX_SEED_FILE_BYTES, maxFieldChars });
  }
  if (bytes.byteLength > MAX_SEED_FILE_BYTES) {
    throw new SeedFileError(
      `File is too large: ${formatBytes(bytes.byteLength)} (${bytes.byteLength} bytes); the limit is ${formatBytes(MAX_SEED_FILE_BYTES)}.`,
    );
  }
  return parseParquetInThread({ bytes, maxFieldChars, limits: options.parquetLimits });
}

/**
 * Reads an uploaded file (preferred) or pasted text and parses it as seeds.
 * Parquet is read in a bounded worker thread (parquet-thread.ts), never on
 * the web server's own thread.
 */
export async function parseUpload(
  upload: SeedUpload,
  options: { parquetLimits?: Partial<ParquetThreadLimits> } = {},
): Promise<{ parsed: ParseResult; fileName: string | null }> {
  const file = upload.file && upload.file.size > 0 ? upload.file : null;
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(upload.text ?? "");
  const fileName = file ? file.name : null;
  try {
    return { parsed: await parseBytes({ bytes, fileName, parquetLimits: options.parquetLimits }), fileName };
  } catch (error) {
    if (error instanceof SeedFileError) throw new UserFacingError(error.message);
    throw error;
  }
}
