import { hashLinkSecret, linkPath, newLinkSecret } from "@/lib/export/link-secret";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, GoneError } from "@/lib/server/errors";
import { EXPORT_FILES, type ExportFile } from "@/lib/validation/export";
import { storedFileName } from "./export-storage";
import { getExport } from "./list-exports";
import { toLinkRow, type ExportLinkRow } from "./list-export-links";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CreatedExportLink {
  link: ExportLinkRow;
  /** The data file's signed URL: the only time it is seen, since only its secret's hash is kept. */
  url: string;
  /** Every file the link reaches (a bundle's other files by `?file=`), the data file first. */
  files: { file: ExportFile; name: string; url: string }[];
}

/**
 * A signed link to a finished, stored export: anyone holding its URL can
 * download the export's files without a session for `days` days, until it is
 * revoked or its creator loses admin access (decision 0032). Audited.
 */
export async function createExportLink(options: {
  projectId: string;
  exportId: string;
  days: number;
  actorId: string;
}): Promise<CreatedExportLink> {
  const row = await getExport(options);
  if (row.status !== "done") throw new ConflictError(`This export is ${row.status}; share it once it is done.`);
  if (!row.stored) throw new GoneError("This export's files are no longer stored; there is nothing to share.");
  const secret = newLinkSecret();
  const expiresAt = new Date(Date.now() + options.days * DAY_MS);
  const link = await getPrisma().$transaction(async (tx) => {
    const created = await tx.exportLink.create({
      data: { exportId: row.id, createdById: options.actorId, secretHash: hashLinkSecret(secret), expiresAt },
      include: { createdBy: { select: { email: true } } },
    });
    await recordAuditEvent({
      db: tx,
      actorId: options.actorId,
      action: "export.link_create",
      targetType: "export",
      targetId: row.id,
      data: { linkId: created.id, expiresAt: expiresAt.toISOString() },
    });
    return created;
  });
  const base = getEnv().APP_URL;
  const files = (row.bundle ? ["data", ...EXPORT_FILES.filter((f) => f !== "data")] : ["data"]) as ExportFile[];
  const urls = files.map((file) => {
    const name = storedFileName(file, row.fileName);
    return { file, name, url: `${base}${linkPath(secret, name)}${file === "data" ? "" : `?file=${file}`}` };
  });
  return { link: toLinkRow(link), url: urls[0]!.url, files: urls };
}
