import { getPrisma } from "@/lib/server/db/prisma";

/** A project's latest imports with who made them, newest first. */
export async function listImports(options: { projectId: string; limit?: number }) {
  const rows = await getPrisma().seedImport.findMany({
    where: { projectId: options.projectId },
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 10,
    include: { createdBy: { select: { email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    format: r.format,
    schema: r.schema,
    rowsRead: r.rowsRead,
    rowsImported: r.rowsImported,
    duplicates: r.duplicates,
    skippedInvalid: r.skippedInvalid,
    createdAt: r.createdAt,
    by: r.createdBy?.email ?? "deleted user",
  }));
}

export type ImportRow = Awaited<ReturnType<typeof listImports>>[number];
