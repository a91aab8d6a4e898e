import { rm } from "node:fs/promises";
import { getPrisma } from "@/lib/server/db/prisma";
import { exportFolder } from "./export-storage";

/**
 * Ends an export that did not finish: `failed` with its reason, and its
 * partial files removed (a failed export keeps nothing on disk; a retry writes
 * it again from the start). Only a queued or running export is changed, so a
 * late call never undoes a finished one. Returns whether it changed the row.
 */
export async function failExport(options: { exportId: string; reason: string }): Promise<boolean> {
  const prisma = getPrisma();
  const updated = await prisma.export.updateMany({
    where: { id: options.exportId, status: { in: ["queued", "running"] } },
    data: { status: "failed", error: options.reason.slice(0, 2000), finishedAt: new Date() },
  });
  if (updated.count === 0) return false;
  await removePartialFiles(options.exportId);
  return true;
}

/** Removes a failed export's folder (its record and storage path stay, ready for a retry). */
export async function removePartialFiles(exportId: string): Promise<void> {
  const row = await getPrisma().export.findUnique({ where: { id: exportId }, select: { storagePath: true } });
  if (row?.storagePath) await rm(exportFolder(row.storagePath), { recursive: true, force: true });
}
