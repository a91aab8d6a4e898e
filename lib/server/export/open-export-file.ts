import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ByteRange } from "@/lib/routes/byte-range";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, GoneError, NotFoundError } from "@/lib/server/errors";
import type { ExportFile } from "@/lib/validation/export";
import { contentTypeOf, exportFolder, storedFileName } from "./export-storage";
import { getExport } from "./list-exports";

/** One stored file of a finished export, found on disk but not opened. */
export interface ExportFileOnDisk {
  path: string;
  name: string;
  size: number;
  contentType: string;
  /** Strong: a finished export's files never change (the data file's is its sha-256). */
  etag: string;
}

export interface OpenedExportFile {
  name: string;
  size: number;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * Finds one stored file of a finished export. Throws NotFoundError (unknown
 * export or file), ConflictError (not finished yet) or GoneError (its files
 * were removed).
 */
export async function findExportFile(options: {
  projectId: string;
  exportId: string;
  file?: ExportFile;
}): Promise<ExportFileOnDisk> {
  const row = await getExport(options);
  if (row.status !== "done") throw new ConflictError(`This export is ${row.status}; nothing to download yet.`);
  const file = options.file ?? (row.bundle ? "archive" : "data");
  if (file !== "data" && !row.bundle) throw new NotFoundError("This export has no bundle files.");
  const stored = await getPrisma().export.findUniqueOrThrow({ where: { id: row.id }, select: { storagePath: true } });
  if (!stored.storagePath) throw new GoneError("This export's files are no longer stored.");
  const name = storedFileName(file, row.fileName);
  const full = path.join(exportFolder(stored.storagePath), name);
  const info = await stat(full).catch(() => null);
  if (!info?.isFile()) throw new GoneError("This export's file is gone from the server's data folder.");
  const etag = file === "data" && row.sha256 ? `"${row.sha256}"` : `"${row.id}-${file}-${info.size}"`;
  return { path: full, name, size: info.size, contentType: contentTypeOf(name), etag };
}

/** A found file as a stream (never read whole into memory), or the bytes of `range` in it. */
export function streamExportFile(file: ExportFileOnDisk, range?: ByteRange): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(file.path, range)) as ReadableStream<Uint8Array>;
}

/** One stored file of a finished export, as a stream; throws as findExportFile. */
export async function openExportFile(options: {
  projectId: string;
  exportId: string;
  file?: ExportFile;
}): Promise<OpenedExportFile> {
  const found = await findExportFile(options);
  return { name: found.name, size: found.size, contentType: found.contentType, body: streamExportFile(found) };
}
