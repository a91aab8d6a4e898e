import { refreshDiversity } from "@/lib/server/diversity/refresh-diversity";
import { DIVERSITY_QUEUE, diversityJob } from "./diversity-job";
import { settleJobs } from "./job-definition";
import { startWorkerBoss } from "./start-worker-boss";

export interface DiversityWorker {
  stop(): Promise<void>;
}

/** A worker refreshing projects' diversity figures, one project at a time: it is CPU-bound and never urgent. */
export async function startDiversityWorker(options: {
  connectionString: string;
  log?: (message: string) => void;
}): Promise<DiversityWorker> {
  const { boss, stop } = await startWorkerBoss({
    connectionString: options.connectionString,
    max: 2,
    superviseSeconds: 5,
    label: "diversity queue",
    log: options.log,
  });
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
  return { stop };
}
