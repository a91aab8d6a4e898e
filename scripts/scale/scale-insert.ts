// Writes generator batches with one multi-row `unnest` INSERT each: one
// round trip and one plan per few thousand rows. Times travel as epoch ms;
// list columns as comma-joined text (unnest would flatten a text[][]).
import type pg from "pg";
import type { CallRow, NodeRow, ReviewRow, ScaleBatch, StepRow } from "./scale-types";

const ms = (column: string) => `(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC')`;

function insertNodes(client: pg.ClientBase, projectId: string, rows: NodeRow[]) {
  return client.query(
    `INSERT INTO nodes (id, project_id, root_id, parent_id, round, instruction, input, output, metadata, content_hash, run_id, operation,
                        template_version, step_key, raw_reply, evolve_model, answer_model, verdict, failed_rules, eliminator, human_status,
                        difficulty, created_at, updated_at, run_round)
     SELECT t.id, $1::uuid, t.root_id, t.parent_id, t.round, t.instruction, t.input, t.output, t.metadata, t.content_hash, t.run_id,
            t.operation::"Operation", t.template_version, t.step_key, t.raw_reply, t.evolve_model, t.answer_model,
            t.verdict::"EliminatorVerdict", string_to_array(t.failed_rules, ','), t.eliminator, t.human_status::"HumanStatus",
            t.difficulty, ${ms("t.created_at")}, ${ms("t.updated_at")},
            -- Written before their steps (which point at them), so the insert trigger cannot look the round up;
            -- a scale run evolves seeds, so a node's run round is its depth.
            CASE WHEN t.step_key IS NULL THEN NULL ELSE t.round END
     FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::text[], $11::uuid[],
                 $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::jsonb[],
                 $21::text[], $22::int[], $23::float8[], $24::float8[])
       AS t(id, root_id, parent_id, round, instruction, input, output, metadata, content_hash, run_id, operation, template_version, step_key,
            raw_reply, evolve_model, answer_model, verdict, failed_rules, eliminator, human_status, difficulty, created_at, updated_at)`,
    [
      projectId,
      rows.map((r) => r.id),
      rows.map((r) => r.rootId),
      rows.map((r) => r.parentId),
      rows.map((r) => r.round),
      rows.map((r) => r.instruction),
      rows.map((r) => r.input),
      rows.map((r) => r.output),
      rows.map((r) => r.metadata),
      rows.map((r) => r.contentHash),
      rows.map((r) => r.runId),
      rows.map((r) => r.operation),
      rows.map((r) => r.templateVersion),
      rows.map((r) => r.stepKey),
      rows.map((r) => r.rawReply),
      rows.map((r) => r.evolveModel),
      rows.map((r) => r.answerModel),
      rows.map((r) => r.verdict),
      rows.map((r) => r.failedRules.join(",")),
      rows.map((r) => r.eliminator),
      rows.map((r) => r.humanStatus),
      rows.map((r) => r.difficulty),
      rows.map((r) => r.createdAt),
      rows.map((r) => r.updatedAt),
    ],
  );
}

function insertSteps(client: pg.ClientBase, runId: string, rows: StepRow[]) {
  return client.query(
    `INSERT INTO run_steps (id, run_id, parent_id, root_id, round, slot, step_key, operation, status, child_id, passed, attempts, created_at, finished_at)
     SELECT t.id, $1::uuid, t.parent_id, t.root_id, t.round, t.slot, t.step_key, t.operation::"Operation", 'done', t.child_id, t.passed, 1,
            ${ms("t.created_at")}, ${ms("t.finished_at")}
     FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::int[], $7::text[], $8::text[], $9::uuid[], $10::bool[], $11::float8[], $12::float8[])
       AS t(id, parent_id, root_id, round, slot, step_key, operation, child_id, passed, created_at, finished_at)`,
    [
      runId,
      rows.map((r) => r.id),
      rows.map((r) => r.parentId),
      rows.map((r) => r.rootId),
      rows.map((r) => r.round),
      rows.map((r) => r.slot),
      rows.map((r) => r.stepKey),
      rows.map((r) => r.operation),
      rows.map((r) => r.childId),
      rows.map((r) => r.passed),
      rows.map((r) => r.createdAt),
      rows.map((r) => r.finishedAt),
    ],
  );
}

function insertReviews(client: pg.ClientBase, rows: ReviewRow[]) {
  return client.query(
    `INSERT INTO reviews (id, node_id, reviewer_id, decision, reason_tags, note, created_at)
     SELECT t.id, t.node_id, t.reviewer_id, t.decision::"ReviewDecision", string_to_array(t.reason_tags, ','), t.note, ${ms("t.created_at")}
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[])
       AS t(id, node_id, reviewer_id, decision, reason_tags, note, created_at)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.nodeId),
      rows.map((r) => r.reviewerId),
      rows.map((r) => r.decision),
      rows.map((r) => r.reasonTags.join(",")),
      rows.map((r) => r.note),
      rows.map((r) => r.createdAt),
    ],
  );
}

function insertCalls(client: pg.ClientBase, runId: string, rows: CallRow[]) {
  return client.query(
    `INSERT INTO llm_calls (id, run_id, node_id, request_key, role, model, attempt, outcome, reply, prompt_tokens, completion_tokens, latency_ms, created_at)
     SELECT t.id, $1::uuid, t.node_id, t.request_key, t.role::"LlmRole", t.model, 1, 'ok', t.reply, t.prompt_tokens, t.completion_tokens,
            t.latency_ms, ${ms("t.created_at")}
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[], $11::float8[])
       AS t(id, node_id, request_key, role, model, reply, prompt_tokens, completion_tokens, latency_ms, created_at)`,
    [
      runId,
      rows.map((r) => r.id),
      rows.map((r) => r.nodeId),
      rows.map((r) => r.requestKey),
      rows.map((r) => r.role),
      rows.map((r) => r.model),
      rows.map((r) => r.reply),
      rows.map((r) => r.promptTokens),
      rows.map((r) => r.completionTokens),
      rows.map((r) => r.latencyMs),
      rows.map((r) => r.createdAt),
    ],
  );
}

export function insertBatch(client: pg.ClientBase, ids: { projectId: string; runId: string }, batch: ScaleBatch) {
  switch (batch.kind) {
    case "nodes":
      return insertNodes(client, ids.projectId, batch.rows);
    case "steps":
      return insertSteps(client, ids.runId, batch.rows);
    case "reviews":
      return insertReviews(client, batch.rows);
    case "calls":
      return insertCalls(client, ids.runId, batch.rows);
  }
}
