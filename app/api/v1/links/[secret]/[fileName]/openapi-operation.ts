// What the OpenAPI document (and the reference page, /api-docs) says of the
// public signed-link download, written out by hand because its handler is not
// a defineApiRoute (lib/routes/link-download.ts; decision 0032). The segments
// and ?file= come from the schemas the handler checks, so they cannot drift.
import { z } from "zod";
import type { JsonSchema, OpenApiOperation } from "@/lib/api/openapi";
import { CONTENT_TYPES } from "@/lib/server/export/export-storage";
import { linkParamsSchema, linkQuerySchema } from "@/lib/validation/export-link";

const properties = (schema: z.ZodType) => (z.toJSONSchema(schema, { io: "input" }) as JsonSchema).properties ?? {};
const segments = properties(linkParamsSchema);
const query = properties(linkQuerySchema);

const DESCRIPTIONS = {
  secret: "The link's secret (43 characters, base64url), as the share dialog showed it once.",
  fileName: "The served file's own name (the data file's, or the ?file= one's); another name answers 404.",
  file: "Another file of a bundle export; the data file when absent.",
};

/** The types a served file may have, by its extension (lib/server/export/export-storage.ts). */
const fileContent = (description: string) =>
  Object.fromEntries(
    [...new Set(Object.values(CONTENT_TYPES)), "application/octet-stream"].map((type) => [
      type.split(";")[0]!,
      { schema: { type: "string", contentMediaType: type.split(";")[0]!, description } },
    ]),
  );

const header = (description: string) => ({ description, schema: { type: "string" } });
const FILE_HEADERS = {
  "Content-Length": { description: "The size of the answer's bytes.", schema: { type: "integer" } },
  "Content-Disposition": header("attachment, with the file's name."),
  ETag: header("The file's version; send it back as If-Range."),
  "Accept-Ranges": header("bytes"),
  "Cache-Control": header("private, no-store"),
};

export function linkDownloadOperation(method: "GET" | "HEAD"): OpenApiOperation {
  const head = method === "HEAD";
  const bytes = head ? "No body: the headers alone (fsspec reads the size from them)." : "The file's bytes.";
  return {
    summary: head
      ? "The headers of a signed link's file (size, type, ETag), without its bytes."
      : "Download an export's file through a signed link (no token).",
    description:
      "Public: the secret in the URL is the authority, so no Authorization header is needed. " +
      "Every refusal (unknown, expired or revoked link, an export gone, a wrong file name) is the same 404. " +
      (head ? "" : "A single Range is served (206); a GET from the file's start counts as a download."),
    "x-role": "public",
    security: [],
    parameters: [
      { name: "secret", in: "path", required: true, description: DESCRIPTIONS.secret, schema: segments.secret! },
      { name: "fileName", in: "path", required: true, description: DESCRIPTIONS.fileName, schema: segments.fileName! },
      { name: "file", in: "query", required: false, description: DESCRIPTIONS.file, schema: query.file! },
      {
        name: "Range",
        in: "header",
        required: false,
        description: "One byte range, e.g. bytes=0-1023 or bytes=-500; several ranges are answered whole (200).",
        schema: { type: "string", pattern: "^bytes=\\d*-\\d*$" },
      },
      {
        name: "If-Range",
        in: "header",
        required: false,
        description: "An ETag: the Range applies only if the file is still that version (else 200, whole).",
        schema: { type: "string" },
      },
    ],
    responses: {
      "200": { description: `The whole file. ${bytes}`, headers: FILE_HEADERS, content: fileContent(bytes) },
      "206": {
        description: `The asked range of the file. ${bytes}`,
        headers: { ...FILE_HEADERS, "Content-Range": header("bytes <start>-<end>/<size>") },
        content: fileContent(bytes),
      },
      "404": {
        description: "No such link, or it has expired or been revoked (one answer for every refusal).",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
      "416": {
        description: "The range starts past the file's end; no body.",
        headers: { "Content-Range": header("bytes */<size>") },
      },
      "503": {
        description: "The database is not reachable; try again later.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    },
  };
}
