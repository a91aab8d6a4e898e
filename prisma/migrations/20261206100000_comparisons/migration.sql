-- Compare methods (decision 0028): two runs started together from one seed
-- sample, drawn once and kept here, so both evolve exactly the same seeds.
CREATE TABLE "comparisons" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "run_a_id" UUID NOT NULL,
    "run_b_id" UUID NOT NULL,
    "seed_query" TEXT NOT NULL DEFAULT '',
    "seed_limit" INTEGER,
    "seed_ids" UUID[],
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comparisons_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "comparisons_project_id_created_at_idx" ON "comparisons"("project_id", "created_at");

CREATE UNIQUE INDEX "comparisons_run_a_id_key" ON "comparisons"("run_a_id");

CREATE UNIQUE INDEX "comparisons_run_b_id_key" ON "comparisons"("run_b_id");

ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_run_a_id_fkey" FOREIGN KEY ("run_a_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_run_b_id_fkey" FOREIGN KEY ("run_b_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Diversity per run beside per round (the comparison page shows both runs' side by side).
ALTER TABLE "diversity_snapshots" ADD COLUMN "runs" JSONB NOT NULL DEFAULT '[]';
