-- The dashboard's diversity section (decision 0026). node_diversity caches
-- what is costly to compute per node (the root verb and direct object from
-- wink-nlp, the MinHash signature); it is filled as nodes are created and
-- backfilled by the "diversity" job. diversity_snapshots holds the per-round
-- figures that job computes from it, so a page view reads one row.
CREATE TABLE "node_diversity" (
    "node_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "verb" TEXT,
    "object" TEXT,
    "signature" BYTEA NOT NULL,

    CONSTRAINT "node_diversity_pkey" PRIMARY KEY ("node_id")
);

CREATE INDEX "node_diversity_project_id_round_node_id_idx" ON "node_diversity"("project_id", "round", "node_id");

ALTER TABLE "node_diversity" ADD CONSTRAINT "node_diversity_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "nodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "node_diversity" ADD CONSTRAINT "node_diversity_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "diversity_snapshots" (
    "project_id" UUID NOT NULL,
    "nodes" INTEGER NOT NULL,
    "rounds" JSONB NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "diversity_snapshots_pkey" PRIMARY KEY ("project_id")
);

ALTER TABLE "diversity_snapshots" ADD CONSTRAINT "diversity_snapshots_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
