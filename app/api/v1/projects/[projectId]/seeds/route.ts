import {
  seedImportJson,
  seedImportPreviewJson,
  seedImportResultJsonSchema,
  seedJson,
  seedJsonSchema,
} from "@/lib/api/seed-json";
import { SEED_UPLOAD_MAX_BODY_BYTES, SEED_UPLOAD_MEDIA_TYPES, seedUploadFile } from "@/lib/api/seed-upload-body";
import { pageOf, pageSchema } from "@/lib/routes/api-pagination";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { routeError, validate } from "@/lib/routes/define-route";
import { UserFacingError } from "@/lib/server/errors";
import { importSeeds } from "@/lib/server/seeds/import-seeds";
import { listSeedsPage } from "@/lib/server/seeds/list-seeds-page";
import { parseUpload } from "@/lib/server/seeds/parse-upload";
import { previewSeedImport } from "@/lib/server/seeds/preview-seed-import";
import { seedImportQuerySchema, seedListQuerySchema } from "@/lib/validation/api-seeds";
import { projectParamsSchema } from "@/lib/validation/route-params";
import { seedUploadSchema } from "@/lib/validation/seeds";

export const dynamic = "force-dynamic";

/** Errors listed in a refusal: the first as many as the preview shows. */
const LISTED_ERRORS = 200;

/** The project's seeds as the Seeds page lists them (its search, its clipped texts): `{ data, next_cursor }`. */
export const GET = defineApiRoute({
  role: "any",
  params: projectParamsSchema,
  query: seedListQuerySchema,
  project: (params) => params.projectId,
  summary: "The project's seeds, newest import first, with the Seeds page's search; texts clipped to 400 characters.",
  response: pageSchema(seedJsonSchema),
  handler: async ({ params, query }) => {
    const rows = await listSeedsPage({
      projectId: params.projectId,
      query: query.search,
      after: query.cursor ?? null,
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, seedJson);
  },
});

/**
 * Imports a seed file as the Import page does: the same parsing (in a worker
 * thread past 1 MB, and for Parquet), all or nothing, duplicates skipped; bad
 * records refuse it all (400, listed) unless `skip_invalid=1`. `dry_run=1`
 * answers the page's preview and writes nothing.
 */
export const POST = defineApiRoute({
  role: "admin",
  params: projectParamsSchema,
  query: seedImportQuerySchema,
  rawBody: {
    maxBytes: SEED_UPLOAD_MAX_BODY_BYTES,
    mediaTypes: SEED_UPLOAD_MEDIA_TYPES,
    description:
      "The seed file as it is: JSON Lines, a JSON array, CSV, plain text or Parquet by its Content-Type (application/octet-stream with ?format=), or a multipart/form-data form whose `file` field holds it (its name names the format). Up to 50 MB.",
  },
  project: (params) => params.projectId,
  status: 201,
  summary: "Import seeds (admins only); with dry_run=1 the preview, nothing written.",
  response: seedImportResultJsonSchema,
  handler: async ({ params, query, raw }, { user }) => {
    const { file, fileName } = await seedUploadFile(raw, query);
    const upload = validate("body", seedUploadSchema, {
      projectId: params.projectId,
      file,
      skipInvalid: query.skip_invalid,
    });
    let parsed;
    try {
      ({ parsed } = await parseUpload(upload));
    } catch (error) {
      // The file itself cannot be read (not UTF-8, a broken Parquet file, over a limit of the parse): the client's to fix.
      if (error instanceof UserFacingError) return routeError(400, "INVALID", error.message, { source: "body" });
      throw error;
    }
    if (query.dry_run) {
      const preview = await previewSeedImport({ projectId: params.projectId, parsed, fileName });
      return Response.json(seedImportPreviewJson(preview), { headers: { "cache-control": "no-store" } });
    }
    if (parsed.errors.length > 0 && !query.skip_invalid)
      return routeError(
        400,
        "INVALID",
        `${parsed.errors.length} record(s) have errors (first: line ${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}); nothing was imported. Fix them, or send skip_invalid=1 to skip them.`,
        { source: "body", errorCount: parsed.errors.length, errors: parsed.errors.slice(0, LISTED_ERRORS) },
      );
    const summary = await importSeeds({
      projectId: params.projectId,
      actorId: user.id,
      parsed,
      fileName,
      skipInvalid: query.skip_invalid,
    });
    return seedImportJson(summary, { fileName, format: parsed.format, rowsRead: parsed.rowsRead });
  },
});
