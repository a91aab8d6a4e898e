import { SeedFileError, type ParseResult } from "@/lib/seeds/parse-seed-file";
import { parseSeedFileAsync } from "@/lib/seeds/parse-seed-file-async";
import { UserFacingError } from "@/lib/server/errors";
import { MAX_SEED_FILE_BYTES, type SeedUpload } from "@/lib/validation/seeds";

/** Reads an uploaded file (preferred) or pasted text and parses it as seeds. */
export async function parseUpload(upload: SeedUpload): Promise<{ parsed: ParseResult; fileName: string | null }> {
  const file = upload.file && upload.file.size > 0 ? upload.file : null;
  const bytes = file ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(upload.text ?? "");
  const fileName = file ? file.name : null;
  try {
    return {
      parsed: await parseSeedFileAsync(bytes, { fileName: fileName ?? undefined, maxBytes: MAX_SEED_FILE_BYTES }),
      fileName,
    };
  } catch (error) {
    if (error instanceof SeedFileError) throw new UserFacingError(error.message);
    throw error;
  }
}
