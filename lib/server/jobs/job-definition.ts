import type { Job, JobResult, Queue } from "pg-boss";
import { z } from "zod";
import type { SqlClient } from "@/lib/server/db/direct-sql";

/** A queue and the one payload shape its producers send and its worker accepts. */
export interface JobDefinition<Payload> {
  name: string;
  payload: z.ZodType<Payload>;
  queueOptions(): Omit<Queue, "name">;
}

export type ParsedJob<Payload> = { ok: true; payload: Payload } | { ok: false; message: string };

export function parseJobPayload<Payload>(definition: JobDefinition<Payload>, data: unknown): ParsedJob<Payload> {
  const result = definition.payload.safeParse(data);
  if (result.success) return { ok: true, payload: result.data };
  return { ok: false, message: `Malformed ${definition.name} job payload: ${z.prettifyError(result.error)}` };
}

/**
 * Settles each job of a batch (for workers started with `perJobResults`). A
 * malformed payload will never become valid, so its job fails at once, without
 * retries, with the reason as its output. An error thrown by `run` fails the
 * batch as before, and the queue's retry settings apply.
 */
export async function settleJobs<Payload>(options: {
  definition: JobDefinition<Payload>;
  jobs: Job<unknown>[];
  run: (payload: Payload, job: Job<unknown>) => Promise<void>;
  log?: (message: string) => void;
}): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of options.jobs) {
    const parsed = parseJobPayload(options.definition, job.data);
    if (!parsed.ok) {
      options.log?.(`job ${job.id}: ${parsed.message}`);
      results.push({ id: job.id, status: "deadletter", output: { message: parsed.message } });
      continue;
    }
    await options.run(parsed.payload, job);
    results.push({ id: job.id, status: "completed" });
  }
  return results;
}

/**
 * Like settleJobs, for a batch whose jobs are independent: they run at once,
 * and each one's error fails that job alone (the queue's retry settings apply
 * to it), so a worker can fetch several jobs per statement without one
 * failure sending the others back.
 */
export async function settleJobsConcurrently<Payload>(options: {
  definition: JobDefinition<Payload>;
  jobs: Job<unknown>[];
  run: (payload: Payload, job: Job<unknown>) => Promise<void>;
  log?: (message: string) => void;
}): Promise<JobResult[]> {
  return Promise.all(
    options.jobs.map(async (job): Promise<JobResult> => {
      const parsed = parseJobPayload(options.definition, job.data);
      if (!parsed.ok) {
        options.log?.(`job ${job.id}: ${parsed.message}`);
        return { id: job.id, status: "deadletter", output: { message: parsed.message } };
      }
      try {
        await options.run(parsed.payload, job);
        return { id: job.id, status: "completed" };
      } catch (error) {
        const output =
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : { message: String(error) };
        return { id: job.id, status: "failed", output };
      }
    }),
  );
}

/** pg-boss's `db` option over a Prisma transaction, so jobs commit (or roll back) with the rows they refer to. */
export function transactionDb(tx: SqlClient) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
}
