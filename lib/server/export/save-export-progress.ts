import { Prisma } from "@/lib/generated/prisma/client";
import type { PageSource } from "./read-export-records";

/**
 * Saves an export's progress on its row, with a heartbeat: one statement for
 * both writers of it — runExport in the process (on directSql()) and the
 * export thread on its own connection (decision 0046). The time is sent as
 * Prisma writes one: UTC, into a timestamp without time zone.
 */
export async function saveExportProgress(
  db: PageSource,
  exportId: string,
  progress: { records: number; skipped: number; duplicatesRemoved: number },
): Promise<void> {
  await db.$queryRaw(Prisma.sql`
    UPDATE exports SET records_written = ${progress.records}, skipped = ${progress.skipped},
           duplicates_removed = ${progress.duplicatesRemoved}, heartbeat_at = ${new Date().toISOString()}::timestamp
    WHERE id = ${exportId}::uuid`);
}
