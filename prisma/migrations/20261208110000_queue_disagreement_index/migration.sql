-- The review queue's disagreement filter (the eliminator passed what a human
-- rejected, or failed what a human accepted): its nodes in queue order, so the
-- first page reads 101 entries instead of walking the id index past every
-- seed and agreeing node (57,000 rows at 250,000 nodes, BENCHMARKS.md "The
-- curve"). Partial: only disagreeing nodes are in it, so decisions rarely touch
-- it. The predicate is the filter's own (lib/server/review/review-queue-where.ts):
-- keep the two alike, or the planner cannot use it.
CREATE INDEX "nodes_project_id_id_idx" ON "nodes"("project_id", "id")
  WHERE ("verdict" = 'passed' AND "human_status" = 'rejected') OR ("verdict" = 'failed' AND "human_status" = 'accepted');
