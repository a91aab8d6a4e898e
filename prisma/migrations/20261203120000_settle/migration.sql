-- Nothing left stuck (docs/decisions/0019-nothing-left-stuck.md).

-- A run with nothing queued or running whose steps failed for a reason that is
-- not the LLM's (a worker without OPENAI_API_KEY, a job out of retries): it
-- waits for an admin to retry those steps.
ALTER TYPE "RunStatus" ADD VALUE 'stalled';

-- An export being written beats this every few seconds; a reaper fails one
-- whose beat stopped and whose job is gone, and removes its partial file.
ALTER TABLE "exports" ADD COLUMN "heartbeat_at" TIMESTAMP(3);
-- How many times its writing started (a job retried after a crash starts again).
ALTER TABLE "exports" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
-- When the retention setting (EXPORT_RETENTION_DAYS) removed its files; the record stays.
ALTER TABLE "exports" ADD COLUMN "expired_at" TIMESTAMP(3);

-- The reaper looks for exports still queued or running.
CREATE INDEX "exports_status_idx" ON "exports"("status");
