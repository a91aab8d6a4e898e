import { assertWithinSize } from "@/lib/seeds/decode-utf8";
import { isParquetFile } from "@/lib/seeds/detect-format";
import { parseSeedFile, SeedFileError, type ParseResult } from "@/lib/seeds/parse-seed-file";
import { getEnv } from "@/lib/server/config/env";
import { UserFacingError } from "@/lib/server/errors";
import { MAX_SEED_FILE_BYTES, type SeedUpload } from "@/lib/validation/seeds";
import { parseSeedsInThread, type SeedParseLimits } from "./seed-parse-thread";

/**
 * Up to this size a text upload is parsed on the calling thread: that takes
 * tens of milliseconds, less than starting a thread. Larger ones (seconds for
 * 50 MB) and every Parquet file go to the thread.
 */
export const INLINE_PARSE_MAX_BYTES = 1024 * 1024;

/**
 * Reads an uploaded file (preferred) or pasted text and parses it as seeds;
 * anything but a small text file in a bounded worker thread
 * (seed-parse-thread.ts), never on the web server's own thread.
 */
export async function parseUpload(
  upload: SeedUpload,
  options: { limits?: Partial<SeedParseLimits> } = {},
): Promise<{ parsed: ParseResult; fileName: string | null }> {
  const file = upload.file && upload.file.size > 0 ? upload.file : null;
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(upload.text ?? "");
  const fileName = file ? file.name : null;
  try {
    // Checked here too, so an oversized body is refused before it is copied to a thread.
    assertWithinSize(bytes, MAX_SEED_FILE_BYTES);
    const maxFieldChars = getEnv().SEED_MAX_FIELD_CHARS;
    const inline = bytes.byteLength <= INLINE_PARSE_MAX_BYTES && !isParquetFile(bytes, fileName ?? undefined);
    const parsed = inline
      ? parseSeedFile(bytes, { fileName: fileName ?? undefined, maxBytes: MAX_SEED_FILE_BYTES, maxFieldChars })
      : await parseSeedsInThread({
          bytes,
          fileName,
          maxBytes: MAX_SEED_FILE_BYTES,
          maxFieldChars,
          limits: options.limits,
        });
    return { parsed, fileName };
  } catch (error) {
    if (error instanceof SeedFileError) throw new UserFacingError(error.message);
    throw error;
  }
}
