-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('pending', 'running', 'done', 'failed', 'cancelled', 'skipped');

-- CreateTable
CREATE TABLE "run_steps" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "parent_id" UUID NOT NULL,
    "root_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "step_key" TEXT NOT NULL,
    "operation" "Operation" NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'pending',
    "child_id" UUID,
    "passed" BOOLEAN,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "run_steps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "run_steps_step_key_key" ON "run_steps"("step_key");

-- CreateIndex
CREATE INDEX "run_steps_run_id_status_round_idx" ON "run_steps"("run_id", "status", "round");

-- CreateIndex
CREATE INDEX "run_steps_run_id_parent_id_round_idx" ON "run_steps"("run_id", "parent_id", "round");

-- CreateIndex
CREATE INDEX "run_steps_parent_id_idx" ON "run_steps"("parent_id");

-- CreateIndex
CREATE INDEX "run_steps_child_id_idx" ON "run_steps"("child_id");

-- AddForeignKey
ALTER TABLE "run_steps" ADD CONSTRAINT "run_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_steps" ADD CONSTRAINT "run_steps_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "nodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_steps" ADD CONSTRAINT "run_steps_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "nodes"("id") ON DELETE SET NULL ON UPDATE CASCADE;
