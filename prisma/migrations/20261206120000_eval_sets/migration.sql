-- Evaluation sets (decision 0030): samples of accepted, difficulty-scored
-- nodes drawn per difficulty bucket and seed skill. A hold-out set's nodes
-- are left out of the project's training exports, looked up by node.
CREATE TABLE "eval_sets" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "hold_out" BOOLEAN NOT NULL DEFAULT true,
    "sizes" JSONB NOT NULL,
    "seed" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "node_count" INTEGER NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "eval_sets_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "eval_sets_project_id_name_key" ON "eval_sets"("project_id", "name");

ALTER TABLE "eval_sets" ADD CONSTRAINT "eval_sets_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "eval_sets" ADD CONSTRAINT "eval_sets_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "eval_set_nodes" (
    "eval_set_id" UUID NOT NULL,
    "node_id" UUID NOT NULL,

    CONSTRAINT "eval_set_nodes_pkey" PRIMARY KEY ("eval_set_id", "node_id")
);

CREATE INDEX "eval_set_nodes_node_id_idx" ON "eval_set_nodes"("node_id");

ALTER TABLE "eval_set_nodes" ADD CONSTRAINT "eval_set_nodes_eval_set_id_fkey" FOREIGN KEY ("eval_set_id") REFERENCES "eval_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "eval_set_nodes" ADD CONSTRAINT "eval_set_nodes_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "nodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
