-- One row per running worker process (the launcher's own, or `npm run worker`),
-- touched every few seconds so /api/health can tell whether anything is taking
-- jobs (lib/server/jobs/worker-heartbeat.ts). A clean stop deletes its row; a
-- killed worker's row goes stale and is pruned later.
CREATE TABLE "worker_heartbeats" (
    "id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "worker_heartbeats_seen_at_idx" ON "worker_heartbeats"("seen_at");
