-- Batch API runs (docs/decisions/0022-batch-api-runs.md).

-- A run that sends its calls as Batch API jobs, phase by phase.
ALTER TABLE "runs" ADD COLUMN "batch" BOOLEAN NOT NULL DEFAULT false;

CREATE TYPE "LlmBatchState" AS ENUM ('preparing', 'uploaded', 'submitted', 'ended', 'collected');

-- One Batch API job: written before anything is uploaded, so a restart resumes
-- it (polls it, or finds it by its metadata) instead of submitting it again.
CREATE TABLE "llm_batches" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "phase" "LlmRole" NOT NULL,
    "state" "LlmBatchState" NOT NULL DEFAULT 'preparing',
    "provider_status" TEXT,
    "input_file_id" TEXT,
    "provider_id" TEXT,
    "output_file_id" TEXT,
    "error_file_id" TEXT,
    "request_count" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "done_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "poll_at" TIMESTAMP(3),
    "polls" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "collected_at" TIMESTAMP(3),

    CONSTRAINT "llm_batches_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "llm_batches_provider_id_key" ON "llm_batches"("provider_id");
CREATE INDEX "llm_batches_run_id_round_phase_idx" ON "llm_batches"("run_id", "round", "phase");
CREATE INDEX "llm_batches_state_poll_at_idx" ON "llm_batches"("state", "poll_at");

ALTER TABLE "llm_batches" ADD CONSTRAINT "llm_batches_run_id_fkey"
    FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The requests a batch carries, by request key (its custom_id), and their steps.
CREATE TABLE "llm_batch_lines" (
    "batch_id" UUID NOT NULL,
    "request_key" TEXT NOT NULL,
    "step_id" UUID NOT NULL,
    "outcome" TEXT,
    "error_kind" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "llm_batch_lines_pkey" PRIMARY KEY ("batch_id", "request_key")
);

CREATE INDEX "llm_batch_lines_request_key_idx" ON "llm_batch_lines"("request_key");
CREATE INDEX "llm_batch_lines_step_id_idx" ON "llm_batch_lines"("step_id");

ALTER TABLE "llm_batch_lines" ADD CONSTRAINT "llm_batch_lines_batch_id_fkey"
    FOREIGN KEY ("batch_id") REFERENCES "llm_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "llm_batch_lines" ADD CONSTRAINT "llm_batch_lines_step_id_fkey"
    FOREIGN KEY ("step_id") REFERENCES "run_steps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
