-- A run's sums of calls and of nodes (decision 0024) become append-only, like
-- the dashboard's deltas (decision 0037): each statement's trigger inserts its
-- own rows instead of upserting one row per (run, round, operation[, role]).
-- The upsert locked that row until the step's transaction committed, so at
-- 64 calls in flight every step's store waited on the one before it
-- (bench:mixed saw 1–2 worker backends waiting on `INSERT INTO nodes`,
-- Lock:transactionid, behind another step's open transaction). Readers sum the
-- rows per group; run_sums_compact folds a run's rows into one per group (the
-- reaper calls it for runs with many rows).

ALTER TABLE "run_node_sums" DROP CONSTRAINT "run_node_sums_pkey";
ALTER TABLE "run_node_sums" ADD COLUMN "id" BIGSERIAL NOT NULL;
ALTER TABLE "run_node_sums" ADD CONSTRAINT "run_node_sums_pkey" PRIMARY KEY ("id");
CREATE INDEX "run_node_sums_run_id_idx" ON "run_node_sums"("run_id");

DROP INDEX "run_call_sums_run_id_round_operation_role_key";
CREATE INDEX "run_call_sums_run_id_idx" ON "run_call_sums"("run_id");

CREATE OR REPLACE FUNCTION "run_call_sums_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "run_call_sums" ("run_id", "round", "operation", "role", "calls", "prompt_tokens", "completion_tokens")
  SELECT c."run_id", s."round", s."operation", c."role", count(*),
         coalesce(sum(c."prompt_tokens"), 0), coalesce(sum(c."completion_tokens"), 0)
  FROM "new_calls" c
  LEFT JOIN "run_steps" s ON s."step_key" = left(c."request_key", length(c."request_key") - length(c."role"::text) - 1)
  WHERE c."run_id" IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "run_node_sums_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "run_node_sums" ("run_id", "round", "operation", "nodes", "passing")
  SELECT n."run_id", n."run_round", n."operation", count(*), count(*) FILTER (WHERE n."verdict" = 'passed')
  FROM "new_nodes" n
  WHERE n."run_id" IS NOT NULL AND n."run_round" IS NOT NULL AND n."operation" IS NOT NULL
  GROUP BY 1, 2, 3;
  RETURN NULL;
END;
$$;

-- Folds one run's rows into one row per group, in one transaction; concurrent
-- inserts are kept (the DELETE removes only the rows its snapshot sees, and the
-- sums of exactly those are inserted back). One compaction per run at a time:
-- another returns false at once instead of waiting.
CREATE FUNCTION "run_sums_compact"("p_run" UUID) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtextextended('run_sums_compact:' || "p_run"::text, 0)) THEN
    RETURN FALSE;
  END IF;
  WITH "gone" AS (
    DELETE FROM "run_node_sums" WHERE "run_id" = "p_run" RETURNING "round", "operation", "nodes", "passing"
  )
  INSERT INTO "run_node_sums" ("run_id", "round", "operation", "nodes", "passing")
  SELECT "p_run", "round", "operation", sum("nodes"), sum("passing") FROM "gone" GROUP BY 2, 3;
  WITH "gone" AS (
    DELETE FROM "run_call_sums" WHERE "run_id" = "p_run"
    RETURNING "round", "operation", "role", "calls", "prompt_tokens", "completion_tokens"
  )
  INSERT INTO "run_call_sums" ("run_id", "round", "operation", "role", "calls", "prompt_tokens", "completion_tokens")
  SELECT "p_run", "round", "operation", "role", sum("calls"), sum("prompt_tokens"), sum("completion_tokens")
  FROM "gone" GROUP BY 2, 3, 4;
  RETURN TRUE;
END;
$$;
