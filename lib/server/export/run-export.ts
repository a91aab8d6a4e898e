import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { directSql } from "@/lib/server/db/direct-sql";
import { getPrisma } from "@/lib/server/db/prisma";
import { exportOptionsSchema, type ExportOptions } from "@/lib/validation/export";
import { startExportHeartbeat } from "./export-heartbeat";
import { exportFolder } from "./export-storage";
import { failExport } from "./fail-export";
import { saveExportProgress } from "./save-export-progress";
import { writeBundle } from "./write-bundle";
import { writeExportFile, type ExportFilePlan, type LiveProgress, type WrittenFile } from "./write-export-file";

export type { LiveProgress } from "./write-export-file";

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

/** How the data file gets written: in this thread (writeExportFile) or in the export thread (export-thread.ts). */
export type FileWriter = (
  plan: ExportFilePlan,
  onProgress: (progress: LiveProgress) => Promise<void>,
) => Promise<WrittenFile>;

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
  const sink = options.sink?.getWriter();
  return runExportWith({
    exportId: options.exportId,
    onProgress: options.onProgress,
    write: async (plan, onProgress) => {
      const written = await writeExportFile(plan, { onProgress, sink });
      await sink?.close();
      return written;
    },
    onFailure: async (error) => {
      await sink?.abort(error).catch(() => {});
    },
  });
}

/**
 * runExport with the data file written by `write`: the export's row (status,
 * progress, heartbeat, outcome) and the bundle are kept here, on this
 * process's Prisma client, whoever writes the file.
 */
export async function runExportWith(options: {
  exportId: string;
  write: FileWriter;
  onProgress?: (progress: LiveProgress) => void;
  onFailure?: (error: unknown) => Promise<void>;
  /** False when the writer saves its progress on the row itself (the export thread, on its own connection). */
  saveProgress?: boolean;
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
  const stopHeartbeat = startExportHeartbeat(row.id);
  const progress = progressRecorder(row.id);
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
    const dataFile = path.join(folder, row.fileName);
    const { summary, tally, duplicatesRemoved } = await options.write(
      {
        projectId: row.projectId,
        selection,
        encode: { format, lineage, systemPrompt: systemPrompt || undefined, keepRawText },
        dedupe,
        expectedCount: row.expectedCount,
        dataFile,
      },
      async (p) => {
        options.onProgress?.(p);
        if (options.saveProgress !== false) await progress.save(p);
      },
    );
    // A progress update still on its way must not land after the outcome.
    await progress.settled();

    const archive = bundle
      ? await writeBundle({ folder, exportRow: row, options: exportOptions, summary, tally, duplicatesRemoved })
      : null;
    await prisma.export.update({
      where: { id: row.id },
      data: {
        status: "done",
        recordsWritten: summary.records,
        skipped: summary.skipped,
        duplicatesRemoved,
        bytes: BigInt(summary.bytes),
        sha256: summary.sha256,
        finishedAt: new Date(),
      },
    });
    return {
      status: "done",
      recordsWritten: summary.records,
      skipped: summary.skipped,
      duplicatesRemoved,
      bytes: summary.bytes,
      sha256: summary.sha256,
      error: null,
      file: archive ?? dataFile,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await options.onFailure?.(error);
    await progress.settled().catch(() => {});
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

/**
 * Saves progress on the export's row one update at a time; progress that
 * arrives while one is in flight replaces any still waiting (only the latest
 * counts). A failed update fails what save() and settled() return.
 */
function progressRecorder(exportId: string) {
  let latest: LiveProgress | null = null;
  let waiting = false;
  let chain: Promise<void> = Promise.resolve();
  return {
    save(p: LiveProgress): Promise<void> {
      latest = p;
      if (!waiting) {
        waiting = true;
        chain = chain.then(async () => {
          waiting = false;
          await saveExportProgress(directSql(), exportId, latest!);
        });
      }
      return chain;
    },
    settled: () => chain,
  };
}
