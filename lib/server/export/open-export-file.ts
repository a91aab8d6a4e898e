import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { getPrisma } from "@/lib/server/db/prisma";
import type { ExportFile } from "@/lib/validation/export";
import { contentTypeOf, exportFolder, storedFileName } from "./export-storage";
import { getExport } from "./list-exports";

export type OpenedExportFile =
  | { ok: true; name: string; size: number; contentType: string; body: ReadableStream<Uint8Array> }
  | { ok: false; status: 404 | 409 | 410; error: string };

/** One stored file of a finished export, as a stream (never read whole into memory). */
export async function openExportFile(options: {
  projectId: string;
  exportId: string;
  file?: ExportFile;
}): Promise<OpenedExportFile> {
  const row = await getExport(options);
  if (!row) return { ok: false, status: 404, error: "Unknown export." };
  if (row.status !== "done")
    return { ok: false, status: 409, error: `This export is ${row.status}; nothing to download yet.` };
  const file = options.file ?? (row.bundle ? "archive" : "data");
  if (file !== "data" && !row.bundle) return { ok: false, status: 404, error: "This export has no bundle files." };
  const stored = await getPrisma().export.findUniqueOrThrow({ where: { id: row.id }, select: { storagePath: true } });
  if (!stored.storagePath) return { ok: false, status: 410, error: "This export's files are no longer stored." };
  const name = storedFileName(file, row.fileName);
  const full = path.join(exportFolder(stored.storagePath), name);
  const info = await stat(full).catch(() => null);
  if (!info) return { ok: false, status: 410, error: "This export's file is gone from the server's data folder." };
  const body = Readable.toWeb(createReadStream(full)) as ReadableStream<Uint8Array>;
  return { ok: true, name, size: info.size, contentType: contentTypeOf(name), body };
}
