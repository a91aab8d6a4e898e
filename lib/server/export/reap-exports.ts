import { rm } from "node:fs/promises";
import { Prisma } from "@/lib/generated/prisma/client";
import { EXPORT_STALE_SECONDS } from "@/lib/export/export-liveness";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { EXPORT_QUEUE } from "@/lib/server/jobs/export-job";
import { hasLiveJobSql, lastJobSql } from "@/lib/server/jobs/live-job";
import { exportFolder } from "./export-storage";
import { failExport } from "./fail-export";

export interface ReapedExports {
  failed: string[];
  expired: string[];
}

/**
 * Settles exports nobody is writing any more, and frees old ones' disk:
 * - queued or running with no beat for `staleSeconds` and no live job (its
 *   process died, its job ran out of retries, or a direct download's server
 *   stopped): failed with the reason, partial files removed;
 * - finished more than EXPORT_RETENTION_DAYS ago (0: kept for ever): files
 *   removed, the record stays, marked expired.
 */
export async function reapExports(
  options: { now?: Date; staleSeconds?: number; retentionDays?: number } = {},
): Promise<ReapedExports> {
  const prisma = getPrisma();
  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - (options.staleSeconds ?? EXPORT_STALE_SECONDS) * 1000);
  const stale = await prisma.$queryRaw<
    { id: string; attempts: number; heartbeat_at: Date | null; job_state: string | null; job_message: string | null }[]
  >`
    SELECT e.id::text, e.attempts, e.heartbeat_at, j.job_state, j.job_message
    FROM exports e LEFT JOIN LATERAL (${lastJobSql(EXPORT_QUEUE, Prisma.sql`e.id::text`)}) j ON true
    WHERE e.status IN ('queued', 'running') AND COALESCE(e.heartbeat_at, e.created_at) < ${staleBefore}
      AND NOT ${hasLiveJobSql(EXPORT_QUEUE, Prisma.sql`e.id::text`)}`;
  const failed: string[] = [];
  for (const row of stale) {
    if (await failExport({ exportId: row.id, reason: staleReason(row) })) failed.push(row.id);
  }

  const days = options.retentionDays ?? getEnv().EXPORT_RETENTION_DAYS;
  const expired: string[] = [];
  if (days > 0) {
    const old = await prisma.export.findMany({
      where: {
        status: { in: ["done", "failed"] },
        storagePath: { not: null },
        finishedAt: { lt: new Date(now.getTime() - days * 86_400_000) },
      },
      select: { id: true, storagePath: true },
    });
    for (const row of old) {
      await rm(exportFolder(row.storagePath!), { recursive: true, force: true });
      await prisma.export.update({ where: { id: row.id }, data: { storagePath: null, expiredAt: now } });
      expired.push(row.id);
    }
  }
  return { failed, expired };
}

function staleReason(row: {
  attempts: number;
  heartbeat_at: Date | null;
  job_state: string | null;
  job_message: string | null;
}): string {
  const since = row.heartbeat_at ? ` (last sign of life ${row.heartbeat_at.toISOString()})` : "";
  const stopped =
    row.attempts > 1
      ? `The export's process stopped during each of its ${row.attempts} attempts${since}.`
      : row.attempts === 1
        ? `The export's process stopped while writing it${since}.`
        : "The export never started: its job is gone.";
  const job = row.job_state === "failed" && row.job_message ? ` Last error: ${row.job_message}` : "";
  return stopped + job;
}
