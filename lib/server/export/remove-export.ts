import { rm } from "node:fs/promises";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { exportFolder } from "./export-storage";

/**
 * Removes a failed export from the project's history: its record and any
 * files left go; the audit log keeps who removed it and what it was. An
 * export that is queued, running or done is refused (a finished one's files
 * are removed with "Remove files" instead, and its record stays).
 */
export async function removeExport(options: {
  projectId: string;
  exportId: string;
  actorId: string;
}): Promise<{ removed: true }> {
  const storagePath = await getPrisma().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { id: string; status: string; storage_path: string | null; format: string; file_name: string }[]
    >`
      SELECT id::text, status::text, storage_path, format, file_name FROM exports
      WHERE id = ${options.exportId}::uuid AND project_id = ${options.projectId}::uuid FOR UPDATE`;
    if (!row) throw new NotFoundError("That export does not exist in this project.");
    if (row.status !== "failed")
      throw new ConflictError(`This export is ${row.status}; only a failed export is removed from the list.`);
    await tx.export.delete({ where: { id: row.id } });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "export.remove",
      targetType: "export",
      targetId: row.id,
      data: { projectId: options.projectId, format: row.format, fileName: row.file_name },
    });
    return row.storage_path;
  });
  if (storagePath) await rm(exportFolder(storagePath), { recursive: true, force: true });
  return { removed: true };
}
