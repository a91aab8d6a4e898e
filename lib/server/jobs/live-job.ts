import { Prisma } from "@/lib/generated/prisma/client";

/** pg-boss states in which a job will still run (or is running). */
export const LIVE_JOB_STATES = ["created", "retry", "active"] as const;

/**
 * SQL that is true when `queue` holds a live job keyed (singletonKey) by the
 * text of `key`: the reaper's test for "its job is gone". Our jobs commit in
 * the same transaction as the rows they are for, so a row without a live job
 * has no job coming either.
 */
export function hasLiveJobSql(queue: string, key: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM pgboss.job j
    WHERE j.name = ${queue} AND j.singleton_key = ${key}
      AND j.state::text IN (${Prisma.join([...LIVE_JOB_STATES])}))`;
}

/** SQL for the newest job keyed by `key` in `queue`, as a lateral join's body: its state and failure message. */
export function lastJobSql(queue: string, key: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT j.state::text AS job_state, j.output->>'message' AS job_message
    FROM pgboss.job j WHERE j.name = ${queue} AND j.singleton_key = ${key}
    ORDER BY j.created_on DESC LIMIT 1`;
}
