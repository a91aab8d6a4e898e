import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, GoneError, NotFoundError } from "@/lib/server/errors";
import type { ExportFile } from "@/lib/validation/export";
import { contentTypeOf, exportFolder, storedFileName } from "./export-storage";
import { getExport } from "./list-exports";

export interface OpenedExportFile {
  name: string;
  size: number;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * One stored file of a finished export, as a stream (never read whole into
 * memory). Throws NotFoundError (unknown export or file), ConflictError (not
 * finished yet) or GoneError (its files were removed).
 */
export async function openExportFile(options: {
  projectId: string;
  exportId: string;
  file?: ExportFile;
}): Promise<OpenedExportFile> {
  const row = await getExport(options);
  if (row.status !== "done") throw new ConflictError(`This export is ${row.status}; nothing to download yet.`);
  const file = options.file ?? (row.bundle ? "archive" : "data");
  if (file !== "data" && !row.bundle) throw new NotFoundError("This export has no bundle files.");
  const stored = await getPrisma().export.findUniqueOrThrow({ where: { id: row.id }, select: { storagePath: true } });
  if (!stored.storagePath) throw new GoneError("This export's files are no longer stored.");
  const name = storedFileName(file, row.fileName);
  const full = path.join(exportFolder(stored.storagePath), name);
  const info = await stat(full).catch(() => null);
  if (!info) throw new GoneError("This export's file is gone from the server's data folder.");
  const body = Readable.toWeb(createReadStream(full)) as ReadableStream<Uint8Array>;
  return { name, size: info.size, contentType: contentTypeOf(name), body };
}
