-- Less work per node INSERT (issue 15, Postgres CPU per LLM call; decision 0044).
-- A run step inserts one node per transaction; each statement paid five trigger
-- calls (two row-level BEFORE triggers, each a PL/pgSQL call with a look-up, and
-- three statement-level AFTER calls reading the transition table) and eleven
-- index inserts. The figures the triggers keep do not change: the same columns
-- are set on insert, and the same rows reach dashboard_deltas and run_node_sums
-- (decisions 0024, 0037).

-- 1. One BEFORE INSERT row trigger instead of two (nodes_root_skill, nodes_run_round).
--    A seed takes its own skill, a rewrite its root's; a node a step made takes
--    its step's round (unless the writer set it, as seed:scale does).
CREATE FUNCTION "nodes_set_derived"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."parent_id" IS NULL THEN
    NEW."root_skill" := NEW."metadata"->>'skill';
  ELSE
    SELECT r."root_skill" INTO NEW."root_skill" FROM "nodes" r WHERE r."id" = NEW."root_id";
  END IF;
  IF NEW."step_key" IS NOT NULL AND NEW."run_round" IS NULL THEN
    SELECT s."round" INTO NEW."run_round" FROM "run_steps" s WHERE s."step_key" = NEW."step_key";
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER "nodes_root_skill" ON "nodes";
DROP TRIGGER "nodes_run_round" ON "nodes";
DROP FUNCTION "nodes_set_root_skill"();
DROP FUNCTION "nodes_set_run_round"();
CREATE TRIGGER "nodes_derived" BEFORE INSERT ON "nodes"
  FOR EACH ROW EXECUTE FUNCTION "nodes_set_derived"();

-- 2. One AFTER INSERT statement trigger instead of two: the dashboard's deltas
--    (decision 0037) and the run's node sums (decision 0024, append-only since
--    20261207160000) from one read of the transition table, in one statement
--    (the sums' INSERT is a data-modifying CTE, which runs whether or not the
--    outer statement reads it). The delta fold is word for word the one of
--    dashboard_nodes_deleted and dashboard_nodes_updated: keep them alike.
CREATE OR REPLACE FUNCTION "dashboard_nodes_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH "src" AS (
    SELECT 1 AS "sign", n."project_id", n."round", n."operation", n."parent_id" IS NULL AS "seed", n."verdict", n."human_status",
           n."difficulty", n."failed_rules", n."instruction_words" AS "words", n."run_id", n."run_round"
    FROM "dashboard_new" n
  ),
  "run_sums" AS (
    INSERT INTO "run_node_sums" ("run_id", "round", "operation", "nodes", "passing")
    SELECT c."run_id", c."run_round", c."operation", count(*), count(*) FILTER (WHERE c."verdict" = 'passed')
    FROM "src" c
    WHERE c."run_id" IS NOT NULL AND c."run_round" IS NOT NULL AND c."operation" IS NOT NULL
    GROUP BY 1, 2, 3
  )
  INSERT INTO "dashboard_deltas"
    ("project_id", "kind", "round", "operation", "seed", "verdict", "human_status", "difficulty", "rule", "words",
     "run_id", "nodes")
  SELECT x."project_id", x."kind", x."round", x."operation", x."seed", x."verdict", x."human_status", x."difficulty",
         x."rule", x."words", x."run_id", sum(x."sign")
  FROM (
    SELECT c."project_id", 'node' AS "kind", c."round", c."operation", c."seed", c."verdict", c."human_status",
           c."difficulty", NULL::text AS "rule", NULL::integer AS "words", NULL::uuid AS "run_id", c."sign"
    FROM "src" c
    UNION ALL
    SELECT c."project_id", 'rule', c."round", c."operation", NULL, NULL, NULL, NULL, r."rule", NULL, NULL, c."sign"
    FROM "src" c
    CROSS JOIN LATERAL (SELECT DISTINCT f AS "rule" FROM unnest(c."failed_rules") f WHERE f IS NOT NULL) r
    WHERE NOT c."seed" AND c."verdict" <> 'pending'
    UNION ALL
    SELECT c."project_id", 'words', c."round", NULL, NULL, NULL, NULL, NULL, NULL, c."words", NULL, c."sign"
    FROM "src" c
    WHERE c."words" IS NOT NULL
    UNION ALL
    SELECT c."project_id", 'accepted', c."run_round", c."operation", NULL, NULL, NULL, NULL, NULL, NULL, c."run_id", c."sign"
    FROM "src" c
    WHERE c."human_status" = 'accepted' AND c."run_id" IS NOT NULL AND c."run_round" IS NOT NULL
  ) x
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  HAVING sum(x."sign") <> 0 AND EXISTS (SELECT 1 FROM "projects" p WHERE p."id" = x."project_id");
  RETURN NULL;
END;
$$;

DROP TRIGGER "nodes_run_node_sums" ON "nodes";
DROP FUNCTION "run_node_sums_add"();

-- 3. Content hashes are looked up for seeds only (lib/server/seeds/find-existing-hashes.ts:
--    a re-imported seed is skipped): evolved nodes, most of a project, leave the index.
DROP INDEX "nodes_project_id_content_hash_idx";
CREATE INDEX "nodes_project_id_content_hash_idx" ON "nodes"("project_id", "content_hash") WHERE "parent_id" IS NULL;
