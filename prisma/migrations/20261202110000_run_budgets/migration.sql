-- Spending caps on runs: a capped run reserves each LLM call's worst case
-- before sending it and settles it to the real usage when the reply comes
-- (lib/server/runs/run-budget.ts). A run whose next call does not fit stops
-- as budget_reached until an admin raises the cap.

ALTER TYPE "RunStatus" ADD VALUE 'budget_reached';

ALTER TABLE "runs" ADD COLUMN "max_tokens" BIGINT;
ALTER TABLE "runs" ADD COLUMN "max_cost_usd" DECIMAL(12,4);
ALTER TABLE "runs" ADD COLUMN "spent_tokens" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "runs" ADD COLUMN "spent_cost_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;
ALTER TABLE "runs" ADD COLUMN "reserved_tokens" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "runs" ADD COLUMN "reserved_cost_usd" DECIMAL(20,10) NOT NULL DEFAULT 0;
ALTER TABLE "runs" ADD COLUMN "budget_stop" JSONB;
-- A gated round released in batches: which round, and the last parent done.
ALTER TABLE "runs" ADD COLUMN "releasing_round" INTEGER;
ALTER TABLE "runs" ADD COLUMN "release_cursor" UUID;

-- The category of a step's last error, shown to annotators instead of the provider's text.
ALTER TABLE "run_steps" ADD COLUMN "error_kind" TEXT;

-- One row per LLM call in flight of a capped run: its worst case, tied to its
-- step so that a rerun of the step settles what a dead attempt left behind.
CREATE TABLE "run_reservations" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" UUID NOT NULL,
    "request_key" TEXT NOT NULL,
    "tokens" BIGINT NOT NULL,
    "cost_usd" DECIMAL(20,10) NOT NULL,
    "prompt_usd_per_million" DECIMAL(20,10) NOT NULL,
    "completion_usd_per_million" DECIMAL(20,10) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_reservations_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "run_reservations_run_id_idx" ON "run_reservations"("run_id");
CREATE INDEX "run_reservations_step_id_idx" ON "run_reservations"("step_id");

ALTER TABLE "run_reservations" ADD CONSTRAINT "run_reservations_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "run_reservations" ADD CONSTRAINT "run_reservations_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "run_steps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
