import { getEnv } from "@/lib/server/config/env";
import {
  DatabaseWasAwayError,
  reportDatabaseError,
  setDatabaseHealthLog,
  waitForDatabase,
} from "@/lib/server/db/database-health";
import { driveBatchRun } from "@/lib/server/batch/drive-batch-run";
import { releaseRoundJob } from "@/lib/server/runs/release-round";
import { runStepJob } from "@/lib/server/runs/run-step-job";
import { BATCH_QUEUE, batchJob } from "./batch-job";
import { settleJobs, settleJobsConcurrently } from "./job-definition";
import { RELEASE_QUEUE, releaseJob } from "./release-job";
import { STEP_QUEUE, stepJob } from "./step-job";
import { startWorkerBoss } from "./start-worker-boss";
import { loadVerbObjectModel } from "@/lib/text/verb-object";

export interface StepWorker {
  stop(): Promise<void>;
}

/**
 * A step that met a database outage waits for the database before its job
 * fails, so the queue can record the failure and run the step again (safe:
 * stored replies are reused) rather than find a stale heartbeat later.
 */
async function runStepThroughOutages(payload: { stepId: string }, job: { signal?: AbortSignal }): Promise<void> {
  try {
    await runStepJob(payload, job);
  } catch (error) {
    if (error instanceof DatabaseWasAwayError || reportDatabaseError(error)) await waitForDatabase();
    throw error;
  }
}

/** Steps per fetch: one for a small worker (tests, a laptop), up to 8 for one holding a hundred or more. */
export function stepBatchSize(concurrency: number): number {
  return Math.max(1, Math.min(8, Math.floor(concurrency / 12)));
}

/**
 * A worker taking evolution steps from the queue. Job concurrency is set
 * above the LLM concurrency so that while some jobs write to the database,
 * others keep every LLM slot busy.
 */
export async function startStepWorker(options: {
  connectionString: string;
  concurrency?: number;
  log?: (message: string) => void;
}): Promise<StepWorker> {
  const concurrency = options.concurrency ?? getEnv().EVOL_WORKER_CONCURRENCY;
  if (options.log) setDatabaseHealthLog(options.log);
  // Steps parse their new node's verb and object (lib/server/diversity): load the model before any call is in flight.
  loadVerbObjectModel();
  const { boss, stop } = await startWorkerBoss({
    connectionString: options.connectionString,
    max: Math.min(40, Math.max(10, Math.ceil(concurrency / 3))),
    superviseSeconds: 2,
    label: "queue",
    log: options.log,
  });
  // Each of pg-boss's local workers polls, and each job queued wakes every idle one (NOTIFY): with one job per
  // worker a busy process sent ~19 fetches per step. A few workers fetching a few jobs each (run at once, settled
  // one by one) hold as many steps with a fraction of the fetches and heartbeats (decision 0038).
  const batchSize = stepBatchSize(concurrency);
  await boss.work(
    STEP_QUEUE,
    {
      localConcurrency: Math.ceil(concurrency / batchSize),
      batchSize,
      pollingIntervalSeconds: 0.5,
      notifyPollingIntervalSeconds: 0.5,
      perJobResults: true,
    },
    (jobs) => settleJobsConcurrently({ definition: stepJob, jobs, run: runStepThroughOutages, log: options.log }),
  );
  // Large rounds are created in batches by a job of their own (lib/server/runs/release-round.ts).
  await boss.work(
    RELEASE_QUEUE,
    { localConcurrency: 1, batchSize: 1, pollingIntervalSeconds: 1, perJobResults: true },
    (jobs) => settleJobs({ definition: releaseJob, jobs, run: releaseRoundJob, log: options.log }),
  );
  // Batch-mode runs: one job per run submits, polls and collects its Batch API jobs (lib/server/batch). Its
  // passes wait with startAfter, which no NOTIFY announces: polling finds them (at most 5 s late).
  const batchPoll = Math.max(0.5, Math.min(5, getEnv().LLM_BATCH_POLL_SECONDS));
  await boss.work(
    BATCH_QUEUE,
    {
      localConcurrency: 2,
      batchSize: 1,
      pollingIntervalSeconds: batchPoll,
      notifyPollingIntervalSeconds: batchPoll,
      perJobResults: true,
    },
    (jobs) => settleJobs({ definition: batchJob, jobs, run: driveBatchRun, log: options.log }),
  );
  options.log?.(`worker started: ${concurrency} jobs at a time, ${getEnv().LLM_CONCURRENCY} LLM calls in flight`);
  return { stop };
}
