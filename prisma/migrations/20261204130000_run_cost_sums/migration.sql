-- What runs cost, kept summed as calls and nodes are written, so the dashboard's
-- cost table reads a few rows per run instead of joining every LLM call and
-- node to its step (docs/decisions/0024-what-a-node-cost.md). Both sources are
-- written once: llm_calls rows change only their node_id, a node's verdict and
-- step never change, and both go only with their run or project.

-- The round of the run step that made a node (null for seeds and nodes no step
-- made). A redo run's one step is its round 1 whatever the node's depth.
ALTER TABLE "nodes" ADD COLUMN "run_round" INTEGER;
UPDATE "nodes" n SET "run_round" = s."round" FROM "run_steps" s WHERE s."step_key" = n."step_key";

CREATE FUNCTION "nodes_set_run_round"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."step_key" IS NOT NULL AND NEW."run_round" IS NULL THEN
    SELECT s."round" INTO NEW."run_round" FROM "run_steps" s WHERE s."step_key" = NEW."step_key";
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "nodes_run_round" BEFORE INSERT ON "nodes"
  FOR EACH ROW EXECUTE FUNCTION "nodes_set_run_round"();

-- Accepted nodes per run, round and operation, counted from the index alone.
CREATE INDEX "nodes_run_id_run_round_operation_idx" ON "nodes"("run_id", "run_round", "operation")
  WHERE "human_status" = 'accepted';

-- LLM calls per run, step round and operation, and role. Round and operation
-- are null for calls no step can be named for (failed attempts have no request key).
CREATE TABLE "run_call_sums" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "round" INTEGER,
    "operation" "Operation",
    "role" "LlmRole" NOT NULL,
    "calls" BIGINT NOT NULL,
    "prompt_tokens" BIGINT NOT NULL,
    "completion_tokens" BIGINT NOT NULL,

    CONSTRAINT "run_call_sums_pkey" PRIMARY KEY ("id")
);
-- NULLS NOT DISTINCT: the failed attempts of a role are one row, which ON CONFLICT finds.
CREATE UNIQUE INDEX "run_call_sums_run_id_round_operation_role_key"
  ON "run_call_sums"("run_id", "round", "operation", "role") NULLS NOT DISTINCT;
ALTER TABLE "run_call_sums" ADD CONSTRAINT "run_call_sums_run_id_fkey"
  FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Nodes steps made, and how many passed the eliminator, per run, round and operation.
CREATE TABLE "run_node_sums" (
    "run_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "operation" "Operation" NOT NULL,
    "nodes" BIGINT NOT NULL,
    "passing" BIGINT NOT NULL,

    CONSTRAINT "run_node_sums_pkey" PRIMARY KEY ("run_id", "round", "operation")
);
ALTER TABLE "run_node_sums" ADD CONSTRAINT "run_node_sums_run_id_fkey"
  FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One statement's calls at a time (a bulk insert adds one row per group). A call
-- finds its step by its request key, `<step key>:<role>` (lib/server/runs/step-key.ts).
CREATE FUNCTION "run_call_sums_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "run_call_sums" ("run_id", "round", "operation", "role", "calls", "prompt_tokens", "completion_tokens")
  SELECT c."run_id", s."round", s."operation", c."role", count(*),
         coalesce(sum(c."prompt_tokens"), 0), coalesce(sum(c."completion_tokens"), 0)
  FROM "new_calls" c
  LEFT JOIN "run_steps" s ON s."step_key" = left(c."request_key", length(c."request_key") - length(c."role"::text) - 1)
  WHERE c."run_id" IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("run_id", "round", "operation", "role") DO UPDATE SET
    "calls" = "run_call_sums"."calls" + EXCLUDED."calls",
    "prompt_tokens" = "run_call_sums"."prompt_tokens" + EXCLUDED."prompt_tokens",
    "completion_tokens" = "run_call_sums"."completion_tokens" + EXCLUDED."completion_tokens";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "llm_calls_run_call_sums" AFTER INSERT ON "llm_calls"
  REFERENCING NEW TABLE AS "new_calls" FOR EACH STATEMENT EXECUTE FUNCTION "run_call_sums_add"();

-- AFTER, and from the statement's inserted rows: a node skipped by ON CONFLICT DO
-- NOTHING (a step's rerun) is not counted, and a bulk insert updates each group
-- once (a row trigger updated one row thousands of times in one transaction,
-- each update walking the row's growing chain of versions).
CREATE FUNCTION "run_node_sums_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "run_node_sums" ("run_id", "round", "operation", "nodes", "passing")
  SELECT n."run_id", n."run_round", n."operation", count(*), count(*) FILTER (WHERE n."verdict" = 'passed')
  FROM "new_nodes" n
  WHERE n."run_id" IS NOT NULL AND n."run_round" IS NOT NULL AND n."operation" IS NOT NULL
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT ("run_id", "round", "operation") DO UPDATE SET
    "nodes" = "run_node_sums"."nodes" + EXCLUDED."nodes",
    "passing" = "run_node_sums"."passing" + EXCLUDED."passing";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "nodes_run_node_sums" AFTER INSERT ON "nodes"
  REFERENCING NEW TABLE AS "new_nodes" FOR EACH STATEMENT EXECUTE FUNCTION "run_node_sums_add"();

-- What existing runs spent and made.
INSERT INTO "run_call_sums" ("run_id", "round", "operation", "role", "calls", "prompt_tokens", "completion_tokens")
SELECT c."run_id", s."round", s."operation", c."role", count(*),
       coalesce(sum(c."prompt_tokens"), 0), coalesce(sum(c."completion_tokens"), 0)
FROM "llm_calls" c
LEFT JOIN "run_steps" s ON s."step_key" = left(c."request_key", length(c."request_key") - length(c."role"::text) - 1)
WHERE c."run_id" IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO "run_node_sums" ("run_id", "round", "operation", "nodes", "passing")
SELECT "run_id", "run_round", "operation", count(*), count(*) FILTER (WHERE "verdict" = 'passed')
FROM "nodes"
WHERE "run_id" IS NOT NULL AND "run_round" IS NOT NULL AND "operation" IS NOT NULL
GROUP BY 1, 2, 3;
