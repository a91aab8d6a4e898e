import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";

/** The project an export belongs to, for a request that names only the export; NotFoundError for an unknown one. */
export async function projectOfExport(exportId: string): Promise<string> {
  const row = await getPrisma().export.findUnique({ where: { id: exportId }, select: { projectId: true } });
  if (!row) throw new NotFoundError("Unknown export.");
  return row.projectId;
}

/** The project of a signed link of that export; NotFoundError when the link is unknown or another export's. */
export async function projectOfExportLink(options: { exportId: string; linkId: string }): Promise<string> {
  const link = await getPrisma().exportLink.findFirst({
    where: { id: options.linkId, exportId: options.exportId },
    select: { export: { select: { projectId: true } } },
  });
  if (!link) throw new NotFoundError("Unknown link.");
  return link.export.projectId;
}
