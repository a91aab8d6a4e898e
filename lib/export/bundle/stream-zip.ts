import { Readable } from "node:stream";
import { ZipArchive } from "archiver";

export interface ZipEntry {
  name: string;
  data: AsyncIterable<Uint8Array> | string;
}

/**
 * A zip archive of the entries, streamed: each data iterable is pulled only
 * as fast as the archive is read, so a multi-GB data file never sits in
 * memory. Entries are written in the given order.
 */
export function streamZip(entries: ZipEntry[]): AsyncIterable<Uint8Array> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  for (const { name, data } of entries) {
    if (typeof data === "string") {
      archive.append(Buffer.from(data, "utf8"), { name });
      continue;
    }
    const source = Readable.from(data, { objectMode: false });
    // archiver does not watch its sources for errors: without this a failed
    // export would leave the download hanging instead of failing it.
    source.once("error", (error) => archive.destroy(error));
    archive.append(source, { name });
  }
  // Errors surface through the stream (and thus the consumer's loop); the promise would only duplicate them.
  archive.finalize().catch(() => {});
  return archive;
}
