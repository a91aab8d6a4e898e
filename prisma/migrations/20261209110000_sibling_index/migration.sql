-- The duplicate rule's read (lib/server/runs/judge-duplicate.ts) finds a step's
-- siblings by `parent_id = $parent AND run_id = $run`, as a prepared statement
-- (decision 0041) whose generic plan is kept after five calls. With the
-- statistics Postgres took when the project held only its seeds (every
-- parent_id and run_id null, so both look equally rare), that plan read the
-- siblings through nodes_run_id_idx: every node of the run, filtered (6.6 ms
-- at 5,000 nodes instead of 0.02 ms; most of the rule's read time in
-- bench:evolve). One index on both columns is the cheaper path for any
-- statistics; it also serves every look-up by parent alone (the tree, the
-- foreign keys' cascades), so it replaces the index on parent_id.
DROP INDEX "nodes_parent_id_idx";
CREATE INDEX "nodes_parent_id_run_id_idx" ON "nodes"("parent_id", "run_id");
