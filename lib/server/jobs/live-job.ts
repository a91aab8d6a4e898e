import { Prisma } from "@/lib/generated/prisma/client";

/**
 * SQL that is true when `queue` holds a live job (created, retry or active:
 * it will still run, or is running) keyed (singletonKey) by the text of `key`:
 * the reaper's test for "its job is gone". Our jobs commit in the same
 * transaction as the rows they are for, so a row without a live job has no job
 * coming either. Written as pg-boss's own unique index for `exclusive` queues
 * is (job_i6: name, COALESCE(singleton_key, ''), state <= 'active'), so the
 * step queue's check is an index probe per step, not a scan of its history.
 */
export function hasLiveJobSql(queue: string, key: Prisma.Sql, policy?: "exclusive"): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM pgboss.job j
    WHERE j.name = ${queue} AND COALESCE(j.singleton_key, '') = ${key} AND j.state <= 'active'
      ${policy ? Prisma.sql`AND j.policy = ${policy}` : Prisma.empty})`;
}

/** SQL for the newest job keyed by `key` in `queue`, as a lateral join's body: its state and failure message. */
export function lastJobSql(queue: string, key: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT j.state::text AS job_state, j.output->>'message' AS job_message
    FROM pgboss.job j WHERE j.name = ${queue} AND j.singleton_key = ${key}
    ORDER BY j.created_on DESC LIMIT 1`;
}
