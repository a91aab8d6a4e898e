-- The review queue's rule filter (decision 0049): one pair of partial indexes per rule the eliminator can fail a
-- node on, holding only the nodes that failed it. A page of "failed on refusal" (newest first, or in one round) walks
-- its rule's index in queue order and reads only matching nodes, instead of walking every node of the project (or
-- the round) for the few that failed that rule, or sorting all of them out of the GIN index on failed_rules.
-- The queue's condition `failed_rules @> ARRAY[$rule]` implies the predicate once the rule is bound, so the planner
-- takes these. A rule added to the eliminator needs its pair here (rule-indexes.test.ts checks every rule has one).
CREATE INDEX "nodes_rule_no_information_gain_idx" ON "nodes"("project_id", "id") WHERE "failed_rules" @> ARRAY['no_information_gain']::text[];
CREATE INDEX "nodes_rule_no_information_gain_round_idx" ON "nodes"("project_id", "round", "id") WHERE "failed_rules" @> ARRAY['no_information_gain']::text[];
CREATE INDEX "nodes_rule_refusal_idx" ON "nodes"("project_id", "id") WHERE "failed_rules" @> ARRAY['refusal']::text[];
CREATE INDEX "nodes_rule_refusal_round_idx" ON "nodes"("project_id", "round", "id") WHERE "failed_rules" @> ARRAY['refusal']::text[];
CREATE INDEX "nodes_rule_empty_answer_idx" ON "nodes"("project_id", "id") WHERE "failed_rules" @> ARRAY['empty_answer']::text[];
CREATE INDEX "nodes_rule_empty_answer_round_idx" ON "nodes"("project_id", "round", "id") WHERE "failed_rules" @> ARRAY['empty_answer']::text[];
CREATE INDEX "nodes_rule_copied_prompt_idx" ON "nodes"("project_id", "id") WHERE "failed_rules" @> ARRAY['copied_prompt']::text[];
CREATE INDEX "nodes_rule_copied_prompt_round_idx" ON "nodes"("project_id", "round", "id") WHERE "failed_rules" @> ARRAY['copied_prompt']::text[];
CREATE INDEX "nodes_rule_duplicate_idx" ON "nodes"("project_id", "id") WHERE "failed_rules" @> ARRAY['duplicate']::text[];
CREATE INDEX "nodes_rule_duplicate_round_idx" ON "nodes"("project_id", "round", "id") WHERE "failed_rules" @> ARRAY['duplicate']::text[];
CREATE INDEX "nodes_rule_unparseable_reply_idx" ON "nodes"("project_id", "id") WHERE "failed_rules" @> ARRAY['unparseable_reply']::text[];
CREATE INDEX "nodes_rule_unparseable_reply_round_idx" ON "nodes"("project_id", "round", "id") WHERE "failed_rules" @> ARRAY['unparseable_reply']::text[];
