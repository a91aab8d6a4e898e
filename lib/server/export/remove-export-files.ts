import { rm } from "node:fs/promises";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { exportFolder } from "./export-storage";

/**
 * Frees an export's disk space: its folder under the data directory goes, its
 * record (who, when, selection, counts, checksum) stays, marked as no longer
 * stored. An export still being written is left alone.
 */
export async function removeExportFiles(options: {
  projectId: string;
  exportId: string;
  actorId: string;
}): Promise<{ removed: boolean }> {
  const prisma = getPrisma();
  const row = await prisma.export.findFirst({
    where: { id: options.exportId, projectId: options.projectId },
    select: { id: true, status: true, storagePath: true },
  });
  if (!row) throw new NotFoundError("That export does not exist in this project.");
  if (row.status === "queued" || row.status === "running")
    throw new ConflictError("This export is still being written; remove its files once it has finished.");
  if (row.storagePath === null) return { removed: false };
  await rm(exportFolder(row.storagePath), { recursive: true, force: true });
  await prisma.$transaction(async (tx) => {
    await tx.export.update({ where: { id: row.id }, data: { storagePath: null } });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "export.remove_files",
      targetType: "export",
      targetId: row.id,
      data: {},
    });
  });
  return { removed: true };
}
