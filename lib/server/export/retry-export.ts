import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { enqueueExportJob } from "@/lib/server/jobs/export-job";

/**
 * Writes a failed export again with the options it was made with: its record
 * goes back to queued (its counts and reason cleared) and a job is queued in
 * the same transaction. A direct download that failed is retried as a job
 * (its file then downloads from the export page).
 */
export async function retryExport(options: {
  projectId: string;
  exportId: string;
  actorId: string;
}): Promise<{ exportId: string }> {
  return getPrisma().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; status: string; project_id: string }[]>`
      SELECT id::text, status::text, project_id::text FROM exports
      WHERE id = ${options.exportId}::uuid AND project_id = ${options.projectId}::uuid FOR UPDATE`;
    if (!row) throw new NotFoundError("That export does not exist in this project.");
    if (row.status !== "failed")
      throw new ConflictError(`This export is ${row.status}; only a failed export is retried.`);
    await tx.export.update({
      where: { id: row.id },
      data: {
        status: "queued",
        error: null,
        recordsWritten: 0,
        skipped: 0,
        duplicatesRemoved: 0,
        bytes: null,
        sha256: null,
        heartbeatAt: null,
        attempts: 0,
        finishedAt: null,
        storagePath: `${options.projectId}/${row.id}`,
        expiredAt: null,
      },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "export.retry",
      targetType: "export",
      targetId: row.id,
      data: {},
    });
    await enqueueExportJob(tx, row.id);
    return { exportId: row.id };
  });
}
