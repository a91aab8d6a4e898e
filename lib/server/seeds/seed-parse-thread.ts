import path from "node:path";
import { Worker } from "node:worker_threads";
import { formatBytes } from "@/lib/seeds/decode-utf8";
import type { ParseResult } from "@/lib/seeds/parse-seed-file";
import { DEFAULT_PARQUET_LIMITS, type ParquetLimits } from "@/lib/seeds/read-parquet";
import { SeedFileError } from "@/lib/seeds/seed-file-error";

export interface SeedParseLimits extends ParquetLimits {
  /** Wall-clock time the thread may take; it is terminated then. */
  timeoutMs: number;
  /**
   * The thread's heap; a file that needs more fails alone instead of the web
   * server. At least 8: far below that V8 cannot start the thread at all and
   * takes the whole process down.
   */
  maxHeapMb: number;
}

export const SEED_PARSE_LIMITS: SeedParseLimits = {
  ...DEFAULT_PARQUET_LIMITS,
  timeoutMs: 60_000,
  maxHeapMb: 1024,
};

// From the working folder, not import.meta.url: in the web server this module
// is bundled by Next, so its own URL is a chunk's. Every entry point (npm
// start, npm run worker, the tests) runs from the repository root. The thread
// loads TypeScript through tsx, a dependency, whatever its parent runs on.
const THREAD_MAIN = path.join(process.cwd(), "lib/server/seeds/seed-parse-thread-main.ts");

const duration = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

type ListName = "seeds" | "errors" | "duplicates";
type ThreadMessage =
  | { kind: "part"; list: ListName; items: never[] }
  | { kind: "done"; rest: Omit<ParseResult, ListName> }
  | { kind: "refused"; message: string };

/**
 * Parses an upload in a worker thread of its own: decoding, parsing and
 * validating 50 MB of JSONL takes seconds, and decompressing a Parquet file
 * more, which on the web server's thread would stall every request it is
 * serving. The thread is bounded in heap and time (and, for Parquet, rows and
 * decompressed bytes); each limit fails with a SeedFileError that says which.
 */
export function parseSeedsInThread(options: {
  bytes: Uint8Array;
  fileName: string | null;
  maxBytes: number;
  maxFieldChars: number;
  limits?: Partial<SeedParseLimits>;
}): Promise<ParseResult> {
  const limits = { ...SEED_PARSE_LIMITS, ...options.limits };
  return new Promise((resolve, reject) => {
    const thread = new Worker(/* turbopackIgnore: true */ THREAD_MAIN, {
      workerData: {
        bytes: options.bytes,
        fileName: options.fileName,
        maxBytes: options.maxBytes,
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
              `Reading the file took longer than ${duration(limits.timeoutMs)} and was stopped. Split the file.`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    const lists: Pick<ParseResult, ListName> = { seeds: [], errors: [], duplicates: [] };
    thread.on("message", (message: ThreadMessage) => {
      if (message.kind === "part") {
        for (const item of message.items) lists[message.list].push(item);
        // The next part once this turn of the event loop is over: requests waiting meanwhile are served first.
        setImmediate(() => {
          if (!settled) thread.postMessage("next");
        });
      } else if (message.kind === "done") {
        settle(() => resolve({ ...message.rest, ...lists }));
      } else {
        settle(() => reject(new SeedFileError(message.message)));
      }
    });
    thread.on("error", (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new SeedFileError(
                `Reading the file needed more than ${formatBytes(limits.maxHeapMb * 1024 * 1024)} of memory and was stopped. Split the file.`,
              )
            : error,
        ),
      ),
    );
    thread.on("exit", (code) =>
      settle(() => reject(new Error(`the seed file thread exited with code ${code} before it answered`))),
    );
  });
}
