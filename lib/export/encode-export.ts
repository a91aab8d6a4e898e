/**
 * Streaming export encoder.
 *
 *   encodeExport(records, options): AsyncIterable<Uint8Array>
 *     The file's bytes, chunk by chunk (~64 KB each). Records are pulled one
 *     at a time as chunks are consumed; nothing holds the whole dataset.
 *
 *   encodeExportWithSummary(records, options): EncodedExport
 *     The same chunks, plus
 *       - progress(): live counts while streaming (for job progress bars),
 *       - summary: a promise of {records, skipped, bytes, sha256} that
 *         resolves once the chunks have been consumed to the end, and
 *         rejects if encoding fails or the consumer stops early.
 *
 * "records" counts records written to the file; "skipped" counts records
 * left out: those without an answer, in every format (see chat-turns.ts). sha256 is the lowercase hex digest of exactly
 * the bytes yielded.
 */
import { createHash } from "node:crypto";
import { hasAnswer } from "./chat-turns";
import { alpacaObject } from "./encode-alpaca";
import { csvHeader, csvRow } from "./encode-csv";
import { openAiChatObject } from "./encode-openai-chat";
import { encodeParquet } from "./encode-parquet";
import { shareGptObject } from "./encode-sharegpt";
import { jsonText } from "./json-line";
import { TextChunker } from "./text-chunker";
import type { EncodeOptions, ExportRecord } from "./types";

export interface ExportProgress {
  records: number;
  skipped: number;
  bytes: number;
}

export interface ExportSummary extends ExportProgress {
  sha256: string;
}

export interface EncodedExport {
  chunks: AsyncIterable<Uint8Array>;
  progress: () => ExportProgress;
  summary: Promise<ExportSummary>;
}

interface Tally {
  records: number;
  skipped: number;
}

type Answered = ExportRecord & { output: string };

/** A text format: what opens the file, each record's text, what closes it. */
interface TextFormat {
  begin: string;
  record: (r: Answered, index: number) => string;
  end: (written: number) => string;
}

function textFormat({ format, lineage, systemPrompt, keepRawText }: EncodeOptions): TextFormat {
  const system = systemPrompt?.trim() ? systemPrompt : undefined;
  switch (format) {
    case "alpaca":
      return { begin: "", record: (r) => jsonText(alpacaObject(r, lineage)) + "\n", end: () => "" };
    case "alpaca-json":
      return {
        begin: "[",
        record: (r, i) => (i === 0 ? "\n" : ",\n") + jsonText(alpacaObject(r, lineage)),
        end: () => "\n]\n",
      };
    case "sharegpt":
      return {
        begin: "",
        record: (r) => jsonText(shareGptObject(r, lineage, system)) + "\n",
        end: () => "",
      };
    case "openai":
      return {
        begin: "",
        record: (r) => jsonText(openAiChatObject(r, system)) + "\n",
        end: () => "",
      };
    case "csv":
      return { begin: csvHeader(lineage), record: (r) => csvRow(r, lineage, keepRawText), end: () => "" };
    case "parquet":
      throw new Error("parquet is a binary format");
  }
}

/** The records that have an answer; the others are counted as skipped (one rule for every format). */
async function* answered(records: AsyncIterable<ExportRecord>, tally: Tally): AsyncGenerator<Answered> {
  for await (const r of records) {
    if (hasAnswer(r)) yield r;
    else tally.skipped++;
  }
}

async function* encodeText(records: AsyncIterable<Answered>, f: TextFormat, tally: Tally): AsyncGenerator<Uint8Array> {
  const out = new TextChunker();
  out.push(f.begin);
  for await (const r of records) {
    const text = f.record(r, tally.records);
    tally.records++;
    out.push(text);
    const chunk = out.takeFull();
    if (chunk) yield chunk;
  }
  out.push(f.end(tally.records));
  const last = out.flush();
  if (last && last.length > 0) yield last;
}

function encodeCounted(
  records: AsyncIterable<ExportRecord>,
  options: EncodeOptions,
  tally: Tally,
): AsyncGenerator<Uint8Array> {
  const kept = answered(records, tally);
  if (options.format === "parquet") return encodeParquet(kept, options.lineage, () => tally.records++);
  return encodeText(kept, textFormat(options), tally);
}

export function encodeExport(records: AsyncIterable<ExportRecord>, options: EncodeOptions): AsyncIterable<Uint8Array> {
  return encodeCounted(records, options, { records: 0, skipped: 0 });
}

export function encodeExportWithSummary(records: AsyncIterable<ExportRecord>, options: EncodeOptions): EncodedExport {
  const tally: Tally = { records: 0, skipped: 0 };
  let bytes = 0;
  let settle!: { resolve: (s: ExportSummary) => void; reject: (e: unknown) => void };
  const summary = new Promise<ExportSummary>((resolve, reject) => (settle = { resolve, reject }));
  // A caller that only reads the chunks must not get an unhandled rejection.
  summary.catch(() => {});

  async function* chunks(): AsyncGenerator<Uint8Array> {
    const hash = createHash("sha256");
    let done = false;
    try {
      for await (const chunk of encodeCounted(records, options, tally)) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
      done = true;
      settle.resolve({ records: tally.records, skipped: tally.skipped, bytes, sha256: hash.digest("hex") });
    } catch (error) {
      settle.reject(error);
      throw error;
    } finally {
      if (!done) settle.reject(new Error("The export stream was closed before the end; no summary."));
    }
  }

  return { chunks: chunks(), progress: () => ({ records: tally.records, skipped: tally.skipped, bytes }), summary };
}
