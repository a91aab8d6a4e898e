import { getEnv } from "@/lib/server/config/env";
import { runExportInThread } from "@/lib/server/export/export-thread";
import { runExport } from "@/lib/server/export/run-export";
import { EXPORT_QUEUE, exportJob } from "./export-job";
import { settleJobs } from "./job-definition";
import { startWorkerBoss } from "./start-worker-boss";

export interface ExportWorker {
  stop(): Promise<void>;
}

/**
 * A worker writing exports to disk, one or two at a time: an export is
 * database- and disk-bound, so more at once only slows each down.
 */
export async function startExportWorker(options: {
  connectionString: string;
  concurrency?: number;
  /** Run each export in a worker thread (default; needs the tsx loader). Off in tests, which run TypeScript through Vitest instead. */
  threads?: boolean;
  log?: (message: string) => void;
}): Promise<ExportWorker> {
  const env = getEnv();
  const threads = options.threads ?? env.EVOL_EXPORT_THREADS;
  const concurrency = options.concurrency ?? env.EVOL_EXPORT_CONCURRENCY;
  const { boss, stop } = await startWorkerBoss({
    connectionString: options.connectionString,
    max: 3,
    superviseSeconds: 5,
    label: "export queue",
    log: options.log,
  });
  await boss.work(
    EXPORT_QUEUE,
    { localConcurrency: concurrency, batchSize: 1, pollingIntervalSeconds: 1, perJobResults: true },
    (jobs) =>
      settleJobs({
        definition: exportJob,
        jobs,
        log: options.log,
        run: async ({ exportId }) => {
          const result = threads ? await runExportInThread({ exportId }) : await runExport({ exportId });
          options.log?.(
            `export ${exportId}: ${result.status}${result.status === "done" ? `, ${result.recordsWritten} records` : ""}`,
          );
        },
      }),
  );
  options.log?.(`export worker started: ${concurrency} at a time`);
  return { stop };
}
