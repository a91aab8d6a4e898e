import path from "node:path";
import { Worker } from "node:worker_threads";
import { formatBytes } from "@/lib/seeds/decode-utf8";
import type { ParseResult } from "@/lib/seeds/parse-seed-file";
import { DEFAULT_PARQUET_LIMITS, type ParquetLimits } from "@/lib/seeds/read-parquet";
import { SeedFileError } from "@/lib/seeds/seed-file-error";

export interface ParquetThreadLimits extends ParquetLimits {
  /** Wall-clock time the thread may take; it is terminated then. */
  timeoutMs: number;
  /**
   * The thread's heap; a file that needs more fails alone instead of the web
   * server. At least 8: far below that V8 cannot start the thread at all and
   * takes the whole process down.
   */
  maxHeapMb: number;
}

export const PARQUET_THREAD_LIMITS: ParquetThreadLimits = {
  ...DEFAULT_PARQUET_LIMITS,
  timeoutMs: 60_000,
  maxHeapMb: 1024,
};

// From the working folder, not import.meta.url: in the web server this module
// is bundled by Next, so its own URL is a chunk's. Every entry point (npm
// start, npm run worker, the tests) runs from the repository root. The thread
// loads TypeScript through tsx, a dependency, whatever its parent runs on.
const THREAD_MAIN = path.join(process.cwd(), "lib/server/seeds/parquet-thread-main.ts");

const duration = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

type ThreadMessage = { ok: true; parsed: ParseResult } | { ok: false; message: string };

/**
 * Reads and maps a Parquet upload in a worker thread of its own: decompressing
 * and decoding a large file would otherwise stall every request the web
 * server is serving. The thread is bounded in rows, decompressed bytes, heap
 * and time; each limit fails with a SeedFileError that says which.
 */
export function parseParquetInThread(options: {
  bytes: Uint8Array;
  maxFieldChars: number;
  limits?: Partial<ParquetThreadLimits>;
}): Promise<ParseResult> {
  const limits = { ...PARQUET_THREAD_LIMITS, ...options.limits };
  return new Promise((resolve, reject) => {
    const thread = new Worker(/* turbopackIgnore: true */ THREAD_MAIN, {
      workerData: {
        bytes: options.bytes,
        limits: { maxRows: limits.maxRows, maxDecompressedBytes: limits.maxDecompressedBytes },
        maxFieldChars: options.maxFieldChars,
      },
      execArgv: ["--import", "tsx"],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 16 },
      stdout: false,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void thread.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new SeedFileError(
              `Reading the Parquet file took longer than ${duration(limits.timeoutMs)} and was stopped. Split the file.`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    thread.on("message", (message: ThreadMessage) =>
      settle(() => (message.ok ? resolve(message.parsed) : reject(new SeedFileError(message.message)))),
    );
    thread.on("error", (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new SeedFileError(
                `Reading the Parquet file needed more than ${formatBytes(limits.maxHeapMb * 1024 * 1024)} of memory and was stopped. Split the file.`,
              )
            : error,
        ),
      ),
    );
    thread.on("exit", (code) =>
      settle(() => reject(new Error(`the Parquet thread exited with code ${code} before it answered`))),
    );
  });
}
