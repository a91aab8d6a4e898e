import { UserFacingError } from "@/lib/server/errors";
import { DIRECT_EXPORT_LIMIT, type ExportOptions } from "@/lib/validation/export";
import { createExport } from "./create-export";
import { contentTypeOf } from "./export-storage";
import { runExport } from "./run-export";

/**
 * An export streamed from Postgres straight into the HTTP response (and, as it
 * goes, into the stored file, so it is recorded and can be downloaded again
 * like any other). The response's pace holds the export back, so nothing
 * accumulates in memory. Bundles are built as jobs: their card needs the
 * finished data file.
 */
export async function startStreamedExport(options: { projectId: string; options: ExportOptions; actorId: string }) {
  if (options.options.bundle)
    throw new UserFacingError("A bundle is built as a job: use Export, then download the archive.");
  const created = await createExport({
    projectId: options.projectId,
    options: options.options,
    actorId: options.actorId,
    enqueue: false,
    maxCount: DIRECT_EXPORT_LIMIT,
  });
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  // Not awaited: it runs while the response is read; failures abort the stream and are recorded on the export.
  void runExport({ exportId: created.exportId, sink: writable });
  return { ...created, contentType: contentTypeOf(created.fileName), body: readable };
}
