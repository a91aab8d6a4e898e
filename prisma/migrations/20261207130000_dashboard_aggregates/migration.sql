-- The project dashboard's figures, kept up to date by Postgres as nodes change
-- instead of scanned per request (docs/decisions/0037-dashboard-aggregates.md).
-- Every statement on nodes (a run step's insert, the eliminator's verdicts,
-- decisions single and bulk, their undo, edits, imports, deletes and cascades,
-- seed:scale's bulk load) appends its net change per group to dashboard_deltas:
-- inserts only, so concurrent writers never wait on one another. A compaction
-- (lib/server/dashboard/compact-dashboard.ts: the reaper, and a read that finds
-- many deltas) folds the deltas into dashboard_totals. A read sums both.
--
-- Three kinds of group, all counts of nodes:
--   node:  (round, operation, seed, verdict, human_status, difficulty)
--   rule:  (round, operation, rule) of judged evolved nodes on which the rule fired
--   words: (round, words), the histogram of instruction lengths, for exact percentiles
--   accepted: (run_id, round = the node's run_round, operation) of accepted nodes, for the
--             cost table's cost per accepted node (decision 0024), which counted them per request
-- Columns a kind does not use are null.

CREATE TABLE "dashboard_deltas" (
    "id" BIGSERIAL NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "operation" "Operation",
    "seed" BOOLEAN,
    "verdict" "EliminatorVerdict",
    "human_status" "HumanStatus",
    "difficulty" INTEGER,
    "rule" TEXT,
    "words" INTEGER,
    "run_id" UUID,
    "nodes" BIGINT NOT NULL,

    CONSTRAINT "dashboard_deltas_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "dashboard_deltas_kind_check" CHECK ("kind" IN ('node', 'rule', 'words', 'accepted'))
);
CREATE INDEX "dashboard_deltas_project_id_idx" ON "dashboard_deltas"("project_id");

CREATE TABLE "dashboard_totals" (
    "id" BIGSERIAL NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "operation" "Operation",
    "seed" BOOLEAN,
    "verdict" "EliminatorVerdict",
    "human_status" "HumanStatus",
    "difficulty" INTEGER,
    "rule" TEXT,
    "words" INTEGER,
    "run_id" UUID,
    "nodes" BIGINT NOT NULL,

    CONSTRAINT "dashboard_totals_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "dashboard_totals_kind_check" CHECK ("kind" IN ('node', 'rule', 'words', 'accepted'))
);
-- NULLS NOT DISTINCT: a group's row is found by ON CONFLICT whatever columns its kind leaves null.
CREATE UNIQUE INDEX "dashboard_totals_group_key" ON "dashboard_totals"
  ("project_id", "kind", "round", "operation", "seed", "verdict", "human_status", "difficulty", "rule", "words", "run_id")
  NULLS NOT DISTINCT;

-- Each trigger names its statement's changed rows "src" (sign 1: a row added, -1:
-- a row gone) and folds them into one delta row per group whose count moved. The
-- three functions share that fold word for word: keep them alike. A rule counts
-- once per node (as `rule = ANY(failed_rules)` does), and only on judged evolved
-- nodes; word counts only where the instruction has one. Nothing is appended for
-- a project that is gone: when a project is deleted, the cascade to its nodes
-- may run after the project's own trigger below has cleared its figures.
-- (Plain SQL over the transition tables: building an array of the changes and
-- folding it in a shared function cost three times as much per statement.)
CREATE FUNCTION "dashboard_nodes_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH "src" AS (
    SELECT 1 AS "sign", n."project_id", n."round", n."operation", n."parent_id" IS NULL AS "seed", n."verdict", n."human_status",
           n."difficulty", n."failed_rules", n."instruction_words" AS "words", n."run_id", n."run_round"
    FROM "dashboard_new" n
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

CREATE FUNCTION "dashboard_nodes_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH "src" AS (
    SELECT -1 AS "sign", o."project_id", o."round", o."operation", o."parent_id" IS NULL AS "seed", o."verdict", o."human_status",
           o."difficulty", o."failed_rules", o."instruction_words" AS "words", o."run_id", o."run_round"
    FROM "dashboard_old" o
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

-- Only rows whose groups changed: an update of texts, metadata or the
-- eliminator's reasons (most updates) appends nothing.
CREATE FUNCTION "dashboard_nodes_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH "changed" AS MATERIALIZED (
    SELECT o."id" FROM "dashboard_old" o JOIN "dashboard_new" n ON n."id" = o."id"
    WHERE (o."project_id", o."round", o."operation", o."parent_id" IS NULL, o."verdict", o."human_status",
         o."difficulty", o."failed_rules", o."instruction_words", o."run_id", o."run_round")
      IS DISTINCT FROM (n."project_id", n."round", n."operation", n."parent_id" IS NULL, n."verdict", n."human_status",
         n."difficulty", n."failed_rules", n."instruction_words", n."run_id", n."run_round")
  ),
  "src" AS (
    SELECT -1 AS "sign", o."project_id", o."round", o."operation", o."parent_id" IS NULL AS "seed", o."verdict", o."human_status",
           o."difficulty", o."failed_rules", o."instruction_words" AS "words", o."run_id", o."run_round"
    FROM "dashboard_old" o WHERE o."id" IN (SELECT "id" FROM "changed")
    UNION ALL
    SELECT 1, n."project_id", n."round", n."operation", n."parent_id" IS NULL AS "seed", n."verdict", n."human_status",
           n."difficulty", n."failed_rules", n."instruction_words" AS "words", n."run_id", n."run_round"
    FROM "dashboard_new" n WHERE n."id" IN (SELECT "id" FROM "changed")
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

-- Transition tables allow one event per trigger: three triggers.
CREATE TRIGGER "nodes_dashboard_insert" AFTER INSERT ON "nodes"
  REFERENCING NEW TABLE AS "dashboard_new" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_nodes_inserted"();
CREATE TRIGGER "nodes_dashboard_update" AFTER UPDATE ON "nodes"
  REFERENCING OLD TABLE AS "dashboard_old" NEW TABLE AS "dashboard_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_nodes_updated"();
CREATE TRIGGER "nodes_dashboard_delete" AFTER DELETE ON "nodes"
  REFERENCING OLD TABLE AS "dashboard_old" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_nodes_deleted"();

-- A deleted project takes its figures along. No foreign key: a key check per
-- delta row would lock the project row (FOR KEY SHARE) once more in every run
-- step's transaction. A compaction drops any delta of a project that is gone
-- all the same.
CREATE FUNCTION "dashboard_projects_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "dashboard_deltas" WHERE "project_id" IN (SELECT "id" FROM "dashboard_old_projects");
  DELETE FROM "dashboard_totals" WHERE "project_id" IN (SELECT "id" FROM "dashboard_old_projects");
  RETURN NULL;
END;
$$;

CREATE TRIGGER "projects_dashboard_delete" AFTER DELETE ON "projects"
  REFERENCING OLD TABLE AS "dashboard_old_projects" FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_projects_deleted"();

-- The compaction (lib/server/dashboard/compact-dashboard.ts, the reaper,
-- seed:scale): folds the deltas (of one project, or all) into the totals in one
-- transaction, deleting them and adding their sums; groups that reach zero go.
-- Writers only insert deltas, so they never wait for it; a delta committed
-- meanwhile stays for the next one. Compactions take turns through a try lock
-- (two at once would each lock part of the deltas and wait for the other's
-- part): one that finds another running returns null and leaves the deltas to
-- it. Deltas of a project that is gone are dropped. Returns the deltas folded.
CREATE FUNCTION "dashboard_compact"("only_project" UUID DEFAULT NULL) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
  "folded" BIGINT;
  "touched" UUID[];
BEGIN
  IF NOT pg_try_advisory_xact_lock(1684108136) THEN -- 'dash'
    RETURN NULL;
  END IF;
  WITH "moved" AS (
    DELETE FROM "dashboard_deltas" WHERE "only_project" IS NULL OR "project_id" = "only_project"
    RETURNING "project_id", "kind", "round", "operation", "seed", "verdict", "human_status", "difficulty", "rule", "words",
              "run_id", "nodes"
  ),
  "summed" AS (
    SELECT m."project_id", m."kind", m."round", m."operation", m."seed", m."verdict", m."human_status", m."difficulty",
           m."rule", m."words", m."run_id", sum(m."nodes")::bigint AS "nodes"
    FROM "moved" m
    WHERE EXISTS (SELECT 1 FROM "projects" p WHERE p."id" = m."project_id")
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    HAVING sum(m."nodes") <> 0
  ),
  "added" AS (
    INSERT INTO "dashboard_totals"
      ("project_id", "kind", "round", "operation", "seed", "verdict", "human_status", "difficulty", "rule", "words",
       "run_id", "nodes")
    SELECT * FROM "summed"
    ON CONFLICT ("project_id", "kind", "round", "operation", "seed", "verdict", "human_status", "difficulty", "rule", "words",
                 "run_id")
      DO UPDATE SET "nodes" = "dashboard_totals"."nodes" + EXCLUDED."nodes"
    RETURNING "project_id"
  )
  SELECT (SELECT count(*) FROM "moved"), (SELECT array_agg(DISTINCT "project_id") FROM "added") INTO "folded", "touched";
  IF "touched" IS NOT NULL THEN
    DELETE FROM "dashboard_totals" WHERE "project_id" = ANY("touched") AND "nodes" = 0;
  END IF;
  RETURN "folded";
END;
$$;

-- The figures of existing projects.
INSERT INTO "dashboard_totals"
  ("project_id", "kind", "round", "operation", "seed", "verdict", "human_status", "difficulty", "rule", "words", "nodes")
SELECT "project_id", 'node', "round", "operation", "parent_id" IS NULL, "verdict", "human_status", "difficulty",
       NULL, NULL, count(*)
FROM "nodes"
GROUP BY "project_id", "round", "operation", "parent_id" IS NULL, "verdict", "human_status", "difficulty";

INSERT INTO "dashboard_totals" ("project_id", "kind", "round", "operation", "rule", "nodes")
SELECT n."project_id", 'rule', n."round", n."operation", r."rule", count(*)
FROM "nodes" n
CROSS JOIN LATERAL (SELECT DISTINCT f AS "rule" FROM unnest(n."failed_rules") f WHERE f IS NOT NULL) r
WHERE n."parent_id" IS NOT NULL AND n."verdict" <> 'pending' AND cardinality(n."failed_rules") > 0
GROUP BY n."project_id", n."round", n."operation", r."rule";

INSERT INTO "dashboard_totals" ("project_id", "kind", "round", "words", "nodes")
SELECT "project_id", 'words', "round", "instruction_words", count(*)
FROM "nodes"
WHERE "instruction_words" IS NOT NULL
GROUP BY "project_id", "round", "instruction_words";

INSERT INTO "dashboard_totals" ("project_id", "kind", "round", "operation", "run_id", "nodes")
SELECT "project_id", 'accepted', "run_round", "operation", "run_id", count(*)
FROM "nodes"
WHERE "human_status" = 'accepted' AND "run_id" IS NOT NULL AND "run_round" IS NOT NULL
GROUP BY "project_id", "run_round", "operation", "run_id";
