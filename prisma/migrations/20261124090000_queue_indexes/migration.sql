-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "nodes_project_id_human_status_verdict_idx" ON "nodes"("project_id", "human_status", "verdict");

-- CreateIndex
CREATE INDEX "nodes_instruction_idx" ON "nodes" USING GIN ("instruction" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "nodes_failed_rules_idx" ON "nodes" USING GIN ("failed_rules");
