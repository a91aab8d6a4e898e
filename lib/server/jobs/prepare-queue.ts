import { PgBoss } from "pg-boss";
import { DATABASE_CONNECT_TIMEOUT_MS } from "@/lib/server/db/connect-timeout";
import { batchJob } from "./batch-job";
import { diversityJob } from "./diversity-job";
import { exportJob } from "./export-job";
import { releaseJob } from "./release-job";
import { stepJob } from "./step-job";

const JOBS = [stepJob, exportJob, releaseJob, batchJob, diversityJob];

/** Installs or upgrades pg-boss's schema and creates our queues (idempotent); run before the app serves. */
export async function prepareQueue(connectionString: string): Promise<void> {
  const boss = new PgBoss({
    connectionString,
    max: 2,
    connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
    supervise: false,
    schedule: false,
    migrate: true,
  });
  boss.on("error", (error) => console.error(`[queue] ${error.message}`));
  await boss.start();
  try {
    for (const job of JOBS) {
      const options = job.queueOptions();
      const existing = await boss.getQueue(job.name);
      if (!existing) await boss.createQueue(job.name, options);
      else
        await boss.updateQueue(job.name, {
          retryLimit: options.retryLimit,
          expireInSeconds: options.expireInSeconds,
          heartbeatSeconds: options.heartbeatSeconds,
        });
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}
