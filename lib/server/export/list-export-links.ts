import type { ExportLink } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { getExport } from "./list-exports";

/** A signed link as the export history lists it (never its URL: only its secret's hash is stored). */
export interface ExportLinkRow {
  id: string;
  state: "active" | "expired" | "revoked";
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  downloadCount: number;
  by: string;
}

export function toLinkRow(link: ExportLink & { createdBy: { email: string } }, now = new Date()): ExportLinkRow {
  return {
    id: link.id,
    state: link.revokedAt ? "revoked" : link.expiresAt <= now ? "expired" : "active",
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    lastUsedAt: link.lastUsedAt?.toISOString() ?? null,
    downloadCount: link.downloadCount,
    by: link.createdBy.email,
  };
}

/** An export's links, newest first; NotFoundError for an export of another project. */
export async function listExportLinks(options: { projectId: string; exportId: string }): Promise<ExportLinkRow[]> {
  const row = await getExport(options);
  const links = await getPrisma().exportLink.findMany({
    where: { exportId: row.id },
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { email: true } } },
  });
  const now = new Date();
  return links.map((link) => toLinkRow(link, now));
}
