// How exports and their signed links look in the REST API (/api/v1):
// snake_case, ISO times. The create body is the export form's own schema
// (lib/validation/export.ts), every option of it; the schemas describe the
// answers in the OpenAPI document.
import { z } from "zod";
import type { CreatedExportLink } from "@/lib/server/export/create-export-link";
import type { ExportRow } from "@/lib/server/export/list-exports";
import { EXPORT_FILES } from "@/lib/validation/export";
import { createExportLinkSchema } from "@/lib/validation/export-link";

export const exportJsonSchema = z.object({
  id: z.uuid(),
  project_id: z.uuid(),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** The status in the export history's words: also "not responding" (stale) and "files removed" / "expired …". */
  status_text: z.string(),
  format: z.string(),
  lineage: z.boolean(),
  bundle: z.boolean(),
  /** The options it was made with (the create body, defaults filled in). */
  options: z.record(z.string(), z.unknown()),
  expected_count: z.int(),
  records_written: z.int(),
  skipped: z.int(),
  duplicates_removed: z.int(),
  file_name: z.string(),
  /** Size of the data file (or archive) in bytes, once done. */
  bytes: z.int().nullable(),
  sha256: z.string().nullable(),
  /** False once its files were removed (by an admin or the retention setting). */
  stored: z.boolean(),
  expired_at: z.iso.datetime().nullable(),
  attempts: z.int(),
  error: z.string().nullable(),
  created_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
  created_by: z.string(),
});
export type ExportJson = z.output<typeof exportJsonSchema>;

/** What the export history shows in place of the record count (components/export/export-history.tsx). */
export function exportStatusText(row: Pick<ExportRow, "status" | "stale" | "stored" | "expiredAt">): string {
  if (row.status === "done" && !row.stored)
    return row.expiredAt ? `expired ${row.expiredAt.slice(0, 10)} (retention)` : "files removed";
  if (row.stale && (row.status === "queued" || row.status === "running")) return "not responding";
  return row.status;
}

export function exportJson(row: ExportRow): ExportJson {
  return {
    id: row.id,
    project_id: row.projectId,
    status: row.status,
    status_text: exportStatusText(row),
    format: row.format,
    lineage: row.lineage,
    bundle: row.bundle,
    options: row.selection,
    expected_count: row.expectedCount,
    records_written: row.recordsWritten,
    skipped: row.skipped,
    duplicates_removed: row.duplicatesRemoved,
    file_name: row.fileName,
    bytes: row.bytes,
    sha256: row.sha256,
    stored: row.stored,
    expired_at: row.expiredAt,
    attempts: row.attempts,
    error: row.error,
    created_at: row.createdAt,
    finished_at: row.finishedAt,
    created_by: row.by,
  };
}

/** `?file=` of GET /exports/{exportId}/file: one file of a bundle (default: the archive of a bundle, else the data file). */
export const exportFileQuerySchema = z.object({ file: z.enum(EXPORT_FILES, "Unknown file.").optional() });

/** POST /exports/{exportId}/links: how many days the link lasts (the Share dialog's choice; default 7, at most 90). */
export const exportLinkBodySchema = createExportLinkSchema.pick({ days: true });

export const exportLinkJsonSchema = z.object({
  id: z.uuid(),
  /** The data file's signed URL: shown this once (only its secret's hash is kept). */
  url: z.url(),
  /** Every file the link reaches (a bundle's other files by `?file=`), the data file first. */
  files: z.array(z.object({ file: z.enum(EXPORT_FILES), name: z.string(), url: z.url() })),
  created_at: z.iso.datetime(),
  expires_at: z.iso.datetime(),
});

export function exportLinkJson(created: CreatedExportLink): z.output<typeof exportLinkJsonSchema> {
  return {
    id: created.link.id,
    url: created.url,
    files: created.files,
    created_at: created.link.createdAt,
    expires_at: created.link.expiresAt,
  };
}

export const revokedLinkJsonSchema = z.object({
  id: z.uuid(),
  /** False when it was already revoked (nothing changed). */
  revoked: z.boolean(),
});
