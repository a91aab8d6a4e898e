import { Worker } from "node:worker_threads";
import { getEnv } from "@/lib/server/config/env";
import { ExportTally } from "./export-tally";
import { runExportWith, type ExportOutcome, type LiveProgress } from "./run-export";
import { EXPORT_THREAD_LIMITS, threadArgv } from "./thread-options";
import type { ExportFilePlan, WrittenFile } from "./write-export-file";

/** What the export thread tells its parent (export-thread-main.ts). */
export type ThreadMessage =
  | { type: "progress"; progress: LiveProgress }
  | { type: "done"; written: WrittenFile }
  | { type: "failed"; error: string };

/** What the thread is given: the plan, the export whose row gets its progress, and the database. */
export interface ThreadData extends ExportFilePlan {
  exportId: string;
  connectionString: string | undefined;
}

/**
 * runExport with its data file written in a worker thread of its own: the
 * encoding stays off the event loop that also serves evolution jobs, its heap
 * is bounded (thread-options.ts), and a thread that runs out of memory fails its
 * export instead of the process. The thread reads pages and saves progress
 * through `pg` on a connection of its own, and writes the file; the rest of
 * the export's row, its heartbeat and the bundle stay with this process's
 * Prisma client, so the thread loads no second one, and this process's heap
 * stays idle while the thread works (decision 0046). Needs the process to load
 * TypeScript (tsx, as the launcher, `npm run worker` and the CLI do); the
 * thread gets that loader (threadArgv).
 */
export function runExportInThread(options: {
  exportId: string;
  onProgress?: (progress: LiveProgress) => void;
}): Promise<ExportOutcome> {
  return runExportWith({
    exportId: options.exportId,
    onProgress: options.onProgress,
    saveProgress: false,
    write: (plan, onProgress) => writeInThread({ ...plan, exportId: options.exportId }, onProgress),
  });
}

function writeInThread(
  plan: ExportFilePlan & { exportId: string },
  onProgress: (progress: LiveProgress) => Promise<void>,
) {
  return new Promise<WrittenFile>((resolve, reject) => {
    const workerData: ThreadData = { ...plan, connectionString: getEnv().DATABASE_URL };
    const thread = new Worker(new URL("./export-thread-main.ts", import.meta.url), {
      workerData,
      execArgv: threadArgv(),
      resourceLimits: EXPORT_THREAD_LIMITS,
    });
    let settled = false;
    thread.on("message", (message: ThreadMessage) => {
      if (message.type === "progress") void onProgress(message.progress);
      else if (message.type === "done") {
        settled = true;
        // The tally comes back as a plain copy (structured clone keeps its Maps, not its class).
        resolve({ ...message.written, tally: Object.assign(new ExportTally(), message.written.tally) });
      } else {
        settled = true;
        reject(new Error(message.error));
      }
    });
    let failure: Error | null = null;
    thread.on("error", (error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))));
    thread.on("exit", (code) => {
      if (!settled) reject(failure ?? new Error(`the export thread exited with code ${code}`));
    });
  });
}
