import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { encodeExportWithSummary, type ExportProgress, type ExportSummary } from "@/lib/export/encode-export";
import type { EncodeOptions, ExportRecord } from "@/lib/export/types";
import type { ExportOptions, ExportSelection } from "@/lib/validation/export";
import { dedupeRecords } from "./dedupe-records";
import { ExportTally } from "./export-tally";
import { readExportRecords, type PageSource } from "./read-export-records";
import { willWrite } from "./will-write";

/** What to write: plain data, so it can be handed to the export thread as it is. */
export interface ExportFilePlan {
  projectId: string;
  selection: ExportSelection;
  encode: EncodeOptions;
  dedupe: ExportOptions["dedupe"];
  expectedCount: number;
  /** Absolute path of the data file (its folder exists). */
  dataFile: string;
}

export interface LiveProgress extends ExportProgress {
  read: number;
  expected: number;
  duplicatesRemoved: number;
}

export interface WrittenFile {
  summary: ExportSummary;
  duplicatesRemoved: number;
  /** Figures of the records written, for a bundle's dataset card. */
  tally: ExportTally;
}

/**
 * Writes an export's data file, streaming: Postgres pages → near-duplicate
 * filter → encoder → file, so memory holds one page and one chunk (or one
 * Parquet row group). Knows nothing of the export's row: its caller records
 * progress and the outcome (run-export.ts), so the export thread needs no
 * Prisma client. With a `sink`, the same bytes also go to the sink as they
 * are written (its pace holds the export back; the caller closes it).
 */
export async function writeExportFile(
  plan: ExportFilePlan,
  options: {
    db?: PageSource;
    /** Called after each page; awaited. */
    onProgress?: (progress: LiveProgress) => void | Promise<void>;
    sink?: WritableStreamDefaultWriter<Uint8Array>;
  },
): Promise<WrittenFile> {
  const tally = new ExportTally();
  let removed = 0;
  let encoded: ReturnType<typeof encodeExportWithSummary> | null = null;
  let records: AsyncIterable<ExportRecord> = readExportRecords({
    projectId: plan.projectId,
    selection: plan.selection,
    db: options.db,
    onPage: (read) =>
      options.onProgress?.({ ...encoded!.progress(), read, expected: plan.expectedCount, duplicatesRemoved: removed }),
  });
  if (plan.dedupe.enabled)
    records = dedupeRecords(records, {
      threshold: plan.dedupe.threshold,
      expectedRecords: plan.expectedCount,
      onRemoved: () => removed++,
    });
  records = tallied(records, tally);
  encoded = encodeExportWithSummary(records, plan.encode);
  const chunks = options.sink ? teeTo(encoded.chunks, options.sink) : encoded.chunks;
  await pipeline(Readable.from(chunks), createWriteStream(plan.dataFile));
  return { summary: await encoded.summary, duplicatesRemoved: removed, tally };
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
