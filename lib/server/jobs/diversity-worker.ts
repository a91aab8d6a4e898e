import { PgBoss } from "pg-boss";
import { reportDatabaseError } from "@/lib/server/db/database-health";
import { refreshDiversity } from "@/lib/server/diversity/refresh-diversity";
import { DIVERSITY_QUEUE, diversityJob } from "./diversity-job";
import { settleJobs } from "./job-definition";
import { quietLog } from "./quiet-log";

export interface DiversityWorker {
  stop(): Promise<void>;
}

/** A worker refreshing projects' diversity figures, one project at a time: it is CPU-bound and never urgent. */
export async function startDiversityWorker(options: {
  connectionString: string;
  log?: (message: string) => void;
}): Promise<DiversityWorker> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: 2,
    useListenNotify: true,
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
    schedule: false,
    migrate: false,
  });
  let stopping = false;
  const logError = quietLog((message) => options.log?.(message));
  boss.on("error", (error) => {
    if (stopping || reportDatabaseError(error)) return;
    logError(`diversity queue error: ${error.message}`);
  });
  await boss.start();
  await boss.work(
    DIVERSITY_QUEUE,
    { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 2, perJobResults: true },
    (jobs) =>
      settleJobs({
        definition: diversityJob,
        jobs,
        log: options.log,
        run: async ({ projectId }) => {
          const result = await refreshDiversity({ projectId });
          options.log?.(`diversity ${projectId}: ${result.cached} nodes parsed, ${result.nodes} counted`);
        },
      }),
  );
  return {
    stop: async () => {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 30_000, close: true });
    },
  };
}
