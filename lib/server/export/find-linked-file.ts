import { hashLinkSecret } from "@/lib/export/link-secret";
import { getPrisma } from "@/lib/server/db/prisma";
import { UserFacingError } from "@/lib/server/errors";
import { canAccessProject } from "@/lib/server/projects/project-access";
import type { ExportFile } from "@/lib/validation/export";
import { findExportFile, type ExportFileOnDisk } from "./open-export-file";

/**
 * The file a signed link serves, or null whenever it must not: an unknown
 * secret, a revoked or expired link, a creator who is no longer an admin of
 * the project or is disabled, an export not done or whose files are gone, a
 * file name in the URL that is not the served file's. The caller answers every
 * null the same way, so nobody learns which secrets exist.
 */
export async function findLinkedFile(options: {
  secret: string;
  fileName: string;
  file?: ExportFile;
}): Promise<{ linkId: string; file: ExportFileOnDisk } | null> {
  const link = await getPrisma().exportLink.findUnique({
    where: { secretHash: hashLinkSecret(options.secret) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      export: { select: { id: true, projectId: true } },
      createdBy: { select: { id: true, role: true, banned: true } },
    },
  });
  if (!link || link.revokedAt || link.expiresAt <= new Date()) return null;
  const creator = link.createdBy;
  if (creator.banned || creator.role !== "admin") return null;
  if (!(await canAccessProject({ viewer: creator, projectId: link.export.projectId }))) return null;
  try {
    const file = await findExportFile({
      projectId: link.export.projectId,
      exportId: link.export.id,
      file: options.file ?? "data",
    });
    return file.name === options.fileName ? { linkId: link.id, file } : null;
  } catch (error) {
    if (error instanceof UserFacingError) return null;
    throw error;
  }
}

/** One download through a link: counted, and when it was last used, in one UPDATE. */
export async function countLinkDownload(options: { linkId: string }): Promise<void> {
  await getPrisma().exportLink.update({
    where: { id: options.linkId },
    data: { downloadCount: { increment: 1 }, lastUsedAt: new Date() },
    select: { id: true },
  });
}
