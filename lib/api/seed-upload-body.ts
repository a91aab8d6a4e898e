// A seed file sent to POST /api/v1/projects/{projectId}/seeds: the body as it
// is (its Content-Type names the format) or a form with a `file` field (its
// name names the format, as on the Import page). Turned into the File the
// Import page's upload is, so the same parsing reads it.
import { routeError, RefusedInput } from "@/lib/routes/define-route";
import type { RawBody } from "@/lib/routes/read-raw-body";
import { MAX_SEED_FILE_BYTES, MAX_SEED_FILE_MB } from "@/lib/validation/seeds";
import type { SeedImportQuery } from "@/lib/validation/api-seeds";

/** The file name whose extension makes the parser read each media type's format. */
const NAME_BY_MEDIA_TYPE: Record<string, string> = {
  "application/x-ndjson": "upload.jsonl",
  "application/jsonl": "upload.jsonl",
  "application/json": "upload.json",
  "text/csv": "upload.csv",
  "text/plain": "upload.txt",
  "application/vnd.apache.parquet": "upload.parquet",
};

const NAME_BY_FORMAT = {
  jsonl: "upload.jsonl",
  json: "upload.json",
  csv: "upload.csv",
  parquet: "upload.parquet",
  text: "upload.txt",
};

export const SEED_UPLOAD_MEDIA_TYPES = [
  ...Object.keys(NAME_BY_MEDIA_TYPE),
  "application/octet-stream",
  "multipart/form-data",
] as const;

/** A form's boundaries and headers around the file: the file alone is held to MAX_SEED_FILE_BYTES. */
export const SEED_UPLOAD_MAX_BODY_BYTES = MAX_SEED_FILE_BYTES + 1024 * 1024;

const invalid = (message: string) =>
  new RefusedInput(routeError(400, "INVALID", message, { source: "body", fieldErrors: { file: [message] } }));

const tooLarge = () =>
  new RefusedInput(
    routeError(413, "TOO_LARGE", `Seed files over ${MAX_SEED_FILE_MB} MB are not accepted; split the file.`, {
      maxBytes: MAX_SEED_FILE_BYTES,
    }),
  );

/** The uploaded file, and the name to record with the import. */
export async function seedUploadFile(
  raw: RawBody,
  query: SeedImportQuery,
): Promise<{ file: File; fileName: string | null }> {
  if (query.format && raw.mediaType !== "application/octet-stream")
    throw invalid(`format is for an application/octet-stream body; ${raw.mediaType} names its own format.`);
  if (raw.mediaType === "multipart/form-data") {
    const file = await formFile(raw);
    if (file.size > MAX_SEED_FILE_BYTES) throw tooLarge();
    return { file, fileName: query.file_name ?? (file.name || null) };
  }
  if (raw.bytes.byteLength > MAX_SEED_FILE_BYTES) throw tooLarge();
  const name =
    raw.mediaType === "application/octet-stream"
      ? query.format && NAME_BY_FORMAT[query.format]
      : NAME_BY_MEDIA_TYPE[raw.mediaType];
  if (!name)
    throw invalid(
      "Say the format of an application/octet-stream body with ?format= (jsonl, json, csv, parquet or text).",
    );
  return { file: new File([raw.bytes as Uint8Array<ArrayBuffer>], name), fileName: query.file_name ?? null };
}

async function formFile(raw: RawBody): Promise<File> {
  let form: FormData;
  try {
    form = await new Response(raw.bytes as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": raw.contentType },
    }).formData();
  } catch {
    throw invalid("The body is not a multipart/form-data form.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw invalid("Send the seed file in the form's `file` field.");
  return file;
}
