// Entry of the thread parseParquetInThread starts: reads one Parquet upload
// within its limits, maps it to seeds and posts the result (or why not) back.
import { parentPort, workerData } from "node:worker_threads";
import { parseRecords } from "@/lib/seeds/parse-seed-file";
import { readParquetRecords, type ParquetLimits } from "@/lib/seeds/read-parquet";
import { SeedFileError } from "@/lib/seeds/seed-file-error";

const { bytes, limits, maxFieldChars } = workerData as {
  bytes: Uint8Array;
  limits: ParquetLimits;
  maxFieldChars: number;
};
try {
  const records = await readParquetRecords(bytes, limits);
  parentPort!.postMessage({ ok: true, parsed: parseRecords("parquet", records, { maxFieldChars }) });
} catch (error) {
  if (!(error instanceof SeedFileError)) throw error;
  parentPort!.postMessage({ ok: false, message: error.message });
}
