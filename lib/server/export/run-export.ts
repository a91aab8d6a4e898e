import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { encodeExportWithSummary, type ExportProgress } from "@/lib/export/encode-export";
import type { ExportRecord } from "@/lib/export/types";
import { getPrisma } from "@/lib/server/db/prisma";
import { exportOptionsSchema, type ExportOptions } from "@/lib/validation/export";
import { dedupeRecords } from "./dedupe-records";
import { startExportHeartbeat } from "./export-heartbeat";
import { exportFolder } from "./export-storage";
import { ExportTally } from "./export-tally";
import { failExport } from "./fail-export";
import { readExportRecords } from "./read-export-records";
import { willWrite } from "./will-write";
import { writeBundle } from "./write-bundle";

export interface ExportOutcome {
  status: "done" | "failed";
  recordsWritten: number;
  skipped: number;
  duplicatesRemoved: number;
  bytes: number;
  sha256: string | null;
  error: string | null;
  /** Absolute path of the file to hand out: the archive for a bundle, else the data file. */
  file: string | null;
}

export interface LiveProgress extends ExportProgress {
  read: number;
  expected: number;
  duplicatesRemoved: number;
}

/**
 * Writes one recorded export to its folder under the data directory,
 * streaming: Postgres pages → near-duplicate filter → encoder → file, so
 * memory holds one page and one chunk. Progress is saved on the export row
 * after every page; at the end its counts, size and sha-256 (of the data
 * file). Running it again rewrites the export from the start, which is what
 * a retried job does after a crash. With a `sink`, the same bytes also go to
 * the sink as they are written (closed at the end, aborted on failure).
 */
export async function runExport(options: {
  exportId: string;
  onProgress?: (progress: LiveProgress) => void;
  /** Also stream the data file's bytes here as they are written (a direct download); its pace holds the export back. */
  sink?: WritableStream<Uint8Array>;
}): Promise<ExportOutcome> {
  const prisma = getPrisma();
  const row = await prisma.export.findUniqueOrThrow({
    where: { id: options.exportId },
    include: { project: { select: { name: true } } },
  });
  if (row.status === "done") {
    return {
      status: "done",
      recordsWritten: row.recordsWritten,
      skipped: row.skipped,
      duplicatesRemoved: row.duplicatesRemoved,
      bytes: Number(row.bytes ?? 0),
      sha256: row.sha256,
      error: null,
      file: null,
    };
  }
  await prisma.export.update({
    where: { id: row.id },
    data: {
      status: "running",
      recordsWritten: 0,
      skipped: 0,
      duplicatesRemoved: 0,
      error: null,
      finishedAt: null,
      heartbeatAt: new Date(),
      attempts: { increment: 1 },
    },
  });
  const sink = options.sink?.getWriter();
  const stopHeartbeat = startExportHeartbeat(row.id);
  try {
    const exportOptions: ExportOptions = exportOptionsSchema.parse({
      ...(row.selection as object),
      format: row.format,
      lineage: row.lineage,
      bundle: row.bundle,
    });
    const folder = exportFolder(row.storagePath ?? `${row.projectId}/${row.id}`);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const { format, lineage, bundle, dedupe, systemPrompt, keepRawText, ...selection } = exportOptions;

    const tally = new ExportTally();
    let removed = 0;
    let encoded: ReturnType<typeof encodeExportWithSummary> | null = null;
    const report = async (read: number) => {
      const p = encoded!.progress();
      options.onProgress?.({ ...p, read, expected: row.expectedCount, duplicatesRemoved: removed });
      await prisma.export.update({
        where: { id: row.id },
        data: { recordsWritten: p.records, skipped: p.skipped, duplicatesRemoved: removed, heartbeatAt: new Date() },
      });
    };
    let records: AsyncIterable<ExportRecord> = readExportRecords({
      projectId: row.projectId,
      selection,
      onPage: report,
    });
    if (dedupe.enabled)
      records = dedupeRecords(records, {
        threshold: dedupe.threshold,
        expectedRecords: row.expectedCount,
        onRemoved: () => removed++,
      });
    records = tallied(records, tally);
    encoded = encodeExportWithSummary(records, {
      format,
      lineage,
      systemPrompt: systemPrompt || undefined,
      keepRawText,
    });
    const dataFile = path.join(folder, row.fileName);
    await pipeline(Readable.from(sink ? teeTo(encoded.chunks, sink) : encoded.chunks), createWriteStream(dataFile));
    const summary = await encoded.summary;
    await sink?.close();

    const archive = bundle
      ? await writeBundle({
          folder,
          exportRow: row,
          options: exportOptions,
          summary,
          tally,
          duplicatesRemoved: removed,
        })
      : null;
    await prisma.export.update({
      where: { id: row.id },
      data: {
        status: "done",
        recordsWritten: summary.records,
        skipped: summary.skipped,
        duplicatesRemoved: removed,
        bytes: BigInt(summary.bytes),
        sha256: summary.sha256,
        finishedAt: new Date(),
      },
    });
    return {
      status: "done",
      recordsWritten: summary.records,
      skipped: summary.skipped,
      duplicatesRemoved: removed,
      bytes: summary.bytes,
      sha256: summary.sha256,
      error: null,
      file: archive ?? dataFile,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await sink?.abort(error).catch(() => {});
    await failExport({ exportId: row.id, reason: message });
    return {
      status: "failed",
      recordsWritten: 0,
      skipped: 0,
      duplicatesRemoved: 0,
      bytes: 0,
      sha256: null,
      error: message,
      file: null,
    };
  } finally {
    stopHeartbeat();
  }
}

/** Hands each chunk to the writer (waiting while it is busy) before passing it on. */
async function* teeTo(
  chunks: AsyncIterable<Uint8Array>,
  writer: WritableStreamDefaultWriter<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    await writer.write(chunk);
    yield chunk;
  }
}

/** Counts what reaches the encoder (after near-duplicate removal) for the dataset card. */
async function* tallied(records: AsyncIterable<ExportRecord>, tally: ExportTally): AsyncGenerator<ExportRecord> {
  for await (const record of records) {
    if (willWrite(record)) tally.add(record);
    yield record;
  }
}
