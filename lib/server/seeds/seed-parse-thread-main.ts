// Entry of the thread parseSeedsInThread starts: parses one upload (any
// format; Parquet within its limits), maps it to seeds and posts the result
// (or why not) back.
import { parentPort, workerData } from "node:worker_threads";
import { isParquetFile } from "@/lib/seeds/detect-format";
import { parseRecords, parseSeedFile } from "@/lib/seeds/parse-seed-file";
import { readParquetRecords, type ParquetLimits } from "@/lib/seeds/read-parquet";
import { SeedFileError } from "@/lib/seeds/seed-file-error";

const { bytes, fileName, maxBytes, limits, maxFieldChars } = workerData as {
  bytes: Uint8Array;
  fileName: string | null;
  maxBytes: number;
  limits: ParquetLimits;
  maxFieldChars: number;
};
const PART_SIZE = 2_000;

try {
  const parsed = isParquetFile(bytes, fileName ?? undefined)
    ? parseRecords("parquet", await readParquetRecords(bytes, limits), { maxFieldChars })
    : parseSeedFile(bytes, { fileName: fileName ?? undefined, maxBytes, maxFieldChars });
  // In parts, each sent once the parent asks for it: the parent rebuilds every message on its own thread, and
  // takes all the messages waiting at once, so 100,000 seeds sent together would stall it for seconds.
  const { seeds, errors, duplicates, ...rest } = parsed;
  for (const [list, items] of [
    ["seeds", seeds],
    ["errors", errors],
    ["duplicates", duplicates],
  ] as const) {
    for (let i = 0; i < items.length; i += PART_SIZE) {
      const asked = new Promise((resolve) => parentPort!.once("message", resolve));
      parentPort!.postMessage({ kind: "part", list, items: items.slice(i, i + PART_SIZE) });
      await asked;
    }
  }
  parentPort!.postMessage({ kind: "done", rest });
} catch (error) {
  if (!(error instanceof SeedFileError)) throw error;
  parentPort!.postMessage({ kind: "refused", message: error.message });
}
