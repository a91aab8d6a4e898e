-- A run step's calls no longer name their node (decision 0047): the node view
-- finds them by the request keys of the node's step. Their node_id stays null,
-- so the node index keeps only the calls that name a node (a method's trial,
-- calls stored before this change), and a step's call INSERT maintains one
-- B-tree fewer. Both readers (the node view's `node_id = $1`, the key's
-- ON DELETE SET NULL) ask for one node id, which the partial index answers.
DROP INDEX "llm_calls_node_id_idx";
CREATE INDEX "llm_calls_node_id_idx" ON "llm_calls"("node_id") WHERE "node_id" IS NOT NULL;
