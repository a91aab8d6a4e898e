import { isExportStale } from "@/lib/export/export-liveness";
import type { PageCursor } from "@/lib/routes/api-pagination";
import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";

export interface ExportRow {
  id: string;
  projectId: string;
  format: string;
  selection: Record<string, unknown>;
  lineage: boolean;
  bundle: boolean;
  status: "queued" | "running" | "done" | "failed";
  expectedCount: number;
  recordsWritten: number;
  skipped: number;
  duplicatesRemoved: number;
  bytes: number | null;
  sha256: string | null;
  fileName: string;
  /** False once an admin or the retention setting removed the files (the record stays). */
  stored: boolean;
  /** When the retention setting (EXPORT_RETENTION_DAYS) removed its files. */
  expiredAt: string | null;
  /** Queued or running, but no sign of life for a while: its process is probably dead (the reaper will settle it). */
  stale: boolean;
  /** How many times its writing started (a job retried after a crash starts again). */
  attempts: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  by: string;
}

type Stored = Awaited<ReturnType<ReturnType<typeof getPrisma>["export"]["findFirstOrThrow"]>> & {
  createdBy: { email: string } | null;
};

function toRow(e: Stored): ExportRow {
  return {
    id: e.id,
    projectId: e.projectId,
    format: e.format,
    selection: (e.selection ?? {}) as Record<string, unknown>,
    lineage: e.lineage,
    bundle: e.bundle,
    status: e.status,
    expectedCount: e.expectedCount,
    recordsWritten: e.recordsWritten,
    skipped: e.skipped,
    duplicatesRemoved: e.duplicatesRemoved,
    bytes: e.bytes === null ? null : Number(e.bytes),
    sha256: e.sha256,
    fileName: e.fileName,
    stored: e.storagePath !== null,
    expiredAt: e.expiredAt?.toISOString() ?? null,
    stale: isExportStale(e),
    attempts: e.attempts,
    error: e.error,
    createdAt: e.createdAt.toISOString(),
    finishedAt: e.finishedAt?.toISOString() ?? null,
    by: e.createdBy?.email ?? (e.createdById ? "deleted user" : "command line"),
  };
}

/** A project's exports, newest first, with who made them (plain values, ready for client components and JSON). */
export async function listExports(options: { projectId: string; limit?: number }): Promise<ExportRow[]> {
  if (!isUuid(options.projectId)) return [];
  const rows = await getPrisma().export.findMany({
    where: { projectId: options.projectId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 25,
    include: { createdBy: { select: { email: true } } },
  });
  return rows.map(toRow);
}

/** One export of a project; NotFoundError for an unknown id, or another project's. */
export async function getExport(options: { projectId: string; exportId: string }): Promise<ExportRow> {
  const row =
    isUuid(options.projectId) && isUuid(options.exportId)
      ? await getPrisma().export.findFirst({
          where: { id: options.exportId, projectId: options.projectId },
          include: { createdBy: { select: { email: true } } },
        })
      : null;
  if (!row) throw new NotFoundError("Unknown export.");
  return toRow(row);
}

/**
 * One page of a project's exports for the REST API, newest first, after
 * `after`: `limit` rows (ask one more to learn whether a next page exists),
 * each with where it sits in the order.
 */
export async function listExportsPage(options: {
  projectId: string;
  after: PageCursor | null;
  limit: number;
}): Promise<(PageCursor & { row: ExportRow })[]> {
  const { after } = options;
  const rows = await getPrisma().export.findMany({
    where: {
      projectId: options.projectId,
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit,
    include: { createdBy: { select: { email: true } } },
  });
  return rows.map((e) => ({ createdAt: e.createdAt, id: e.id, row: toRow(e) }));
}
