-- The review queue filtered by round, in queue order (lib/server/review/review-queue-where.ts): the round's nodes
-- by id straight from the index, instead of a walk of the id index through every earlier round.
CREATE INDEX "nodes_project_id_round_id_idx" ON "nodes"("project_id", "round", "id");
