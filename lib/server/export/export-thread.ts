import { Worker } from "node:worker_threads";
import { failExport } from "./fail-export";
import type { ExportOutcome, LiveProgress } from "./run-export";

/**
 * Heap bounds of an export thread. The young generation matters most: an
 * export allocates fast and keeps a page in flight, so V8 would grow the
 * young generation to its maximum (64 MB semi-spaces on a large machine)
 * and keep it. Bounded to 8 MB, the 250,000-node bench peaks at ~250 MB RSS
 * for the whole process instead of ~380 MB, at the same speed. The old
 * generation holds a page plus, with near-duplicate removal, ~200 bytes of
 * signature per record.
 */
export const EXPORT_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 384 };

/**
 * runExport in a worker thread of its own: the encoding stays off the event
 * loop that also serves evolution jobs, its heap is bounded (see above), and
 * a thread that runs out of memory fails its export instead of the process.
 * Needs the process to load TypeScript (tsx, as the launcher, `npm run
 * worker` and the CLI do); threads inherit that loader.
 */
export function runExportInThread(options: {
  exportId: string;
  onProgress?: (progress: LiveProgress) => void;
}): Promise<ExportOutcome> {
  return new Promise((resolve, reject) => {
    let outcome: ExportOutcome | null = null;
    const thread = new Worker(new URL("./export-thread-main.ts", import.meta.url), {
      workerData: { exportId: options.exportId },
      resourceLimits: EXPORT_THREAD_LIMITS,
    });
    thread.on(
      "message",
      (message: { type: "progress"; progress: LiveProgress } | { type: "done"; outcome: ExportOutcome }) => {
        if (message.type === "progress") options.onProgress?.(message.progress);
        else outcome = message.outcome;
      },
    );
    let failure: Error | null = null;
    thread.on("error", (error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))));
    thread.on("exit", async (code) => {
      if (outcome) return resolve(outcome);
      const message = failure?.message ?? `the export thread exited with code ${code}`;
      try {
        await failExport({ exportId: options.exportId, reason: message });
        resolve({
          status: "failed",
          recordsWritten: 0,
          skipped: 0,
          duplicatesRemoved: 0,
          bytes: 0,
          sha256: null,
          error: message,
          file: null,
        });
      } catch (error) {
        reject(error);
      }
    });
  });
}
