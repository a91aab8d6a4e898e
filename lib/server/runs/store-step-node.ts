import type { SqlClient } from "@/lib/server/db/direct-sql";
import { uuid7 } from "@/lib/server/db/uuid7";
import { contentHashOf } from "@/lib/seeds/content-hash";
import type { DiversityFields } from "@/lib/server/diversity/cache-node-diversity";
import type { RunToAdvance, Sibling } from "./advance-after-step";
import type { StepRow } from "./complete-step";
import type { EvolutionOutcome } from "./evolve-once";

export interface StepNode {
  step: StepRow;
  projectId: string;
  round: number;
  outcome: EvolutionOutcome;
  metadata: Record<string, unknown>;
  diversity: DiversityFields | null;
  models: { evolve: string; answer: string };
  templateVersion: string;
  methodVersionId: string;
}

export interface StoredStepNode {
  child: { id: string; verdict: string };
  /** Whether this call marked the step done (it was still open). */
  updated: boolean;
  run: RunToAdvance;
  /** The parent's slots of this round as they stand after this step, when read under the siblings' lock. */
  siblings: Sibling[] | null;
}

/** The step's node was stored by an earlier attempt (an annotator may have decided it since): mark the step by it. */
export async function storedBefore(tx: SqlClient, step: StepRow, run: RunToAdvance): Promise<StoredStepNode> {
  const [child] = await tx.$queryRaw<{ id: string; verdict: string }[]>`
    SELECT id, verdict::text FROM nodes WHERE step_key = ${step.stepKey}`;
  if (!child) throw new Error(`the node of step ${step.stepKey} is gone`);
  const done = await tx.$queryRaw<unknown[]>`
    UPDATE run_steps SET status = 'done'::"StepStatus", child_id = ${child.id}::uuid,
           passed = ${child.verdict === "passed"}, finished_at = clock_timestamp() AT TIME ZONE 'UTC',
           error = NULL, error_kind = NULL
    WHERE id = ${step.id}::uuid AND status IN ('pending', 'running')
    RETURNING id`;
  // The siblings are read by advanceAfterStep, after this statement.
  return { child, updated: done.length > 0, run, siblings: null };
}

type Row = RunToAdvance & {
  i: number;
  childId: string | null;
  childVerdict: string | null;
  updated: boolean;
  siblings: (Omit<Sibling, "parentRejected"> & { id: string })[] | null;
  parentRejected: boolean | null;
};

/**
 * Stores the child nodes of steps in one statement (decision 0047, for many steps 0053): their nodes (with their
 * diversity rows), the steps marked done, their runs read, and for each step that `advances` its parent's slots
 * (the transaction holds those steps' siblings' locks, taken in an earlier statement, so this one's snapshot has
 * every sibling committed before it; no two of the steps share a parent: complete-steps-together.ts). A step's own
 * slot is read as it was before the statement and set here to what the statement made it. A step whose node is
 * stored already (an earlier attempt's; the INSERT does nothing) comes back with its run only: the caller takes
 * storedBefore's way for it.
 */
export async function storeStepNodes(
  tx: SqlClient,
  nodes: (StepNode & { advances: boolean })[],
): Promise<{ run: RunToAdvance; stored: StoredStepNode | null }[]> {
  const records = nodes.map((node, i) => {
    const { step, outcome, diversity } = node;
    return {
      i,
      id: uuid7(),
      step_id: step.id,
      project_id: node.projectId,
      root_id: step.rootId,
      parent_id: step.parentId,
      step_round: step.round,
      round: node.round,
      instruction: outcome.instruction,
      input: outcome.input,
      output: outcome.answer,
      metadata: node.metadata,
      content_hash: contentHashOf(outcome.instruction, outcome.input),
      run_id: step.runId,
      operation: step.operation,
      template_version: node.templateVersion,
      method_version_id: node.methodVersionId,
      step_key: step.stepKey,
      raw_reply: outcome.rawReply,
      evolve_model: node.models.evolve,
      answer_model: node.models.answer,
      verdict: outcome.passed ? "passed" : "failed",
      failed_rules: outcome.failedRules,
      eliminator: outcome.eliminator,
      difficulty: outcome.difficulty,
      diversity: diversity !== null,
      verb: diversity?.verb ?? null,
      object: diversity?.object ?? null,
      signature: diversity?.signature ?? null,
      advances: node.advances,
    };
  });
  // One JSON parameter for all the columns of all the rows (a text[] column per row does not fit an array of
  // arrays). The nodes are inserted in the batch's order, so their ids (uuid7, made in that order) ascend.
  const rows = await tx.$queryRaw<Row[]>`
    WITH x AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${JSON.stringify(records)}::json) AS x(
        i int, id uuid, step_id uuid, project_id uuid, root_id uuid, parent_id uuid, step_round int, round int,
        instruction text, input text, output text, metadata jsonb, content_hash text, run_id uuid, operation "Operation",
        template_version text, method_version_id uuid, step_key text, raw_reply text, evolve_model text,
        answer_model text, verdict "EliminatorVerdict", failed_rules text[], eliminator jsonb, difficulty int,
        diversity boolean, verb text, object text, signature text, advances boolean)),
    n AS (
      INSERT INTO nodes (id, project_id, root_id, parent_id, round, instruction, input, output, metadata, content_hash,
                         run_id, operation, template_version, method_version_id, step_key, raw_reply, evolve_model,
                         answer_model, verdict, failed_rules, eliminator, difficulty)
      SELECT id, project_id, root_id, parent_id, round, instruction, input, output, metadata, content_hash, run_id,
             operation, template_version, method_version_id, step_key, raw_reply, evolve_model, answer_model, verdict,
             failed_rules, eliminator, difficulty
      FROM x ORDER BY i
      ON CONFLICT (step_key) DO NOTHING
      RETURNING id, step_key, verdict::text AS verdict),
    d AS (
      INSERT INTO node_diversity (node_id, project_id, round, content_hash, verb, object, signature)
      SELECT n.id, x.project_id, x.round, x.content_hash, x.verb, x.object, decode(x.signature, 'base64')
      FROM n JOIN x ON x.step_key = n.step_key
      WHERE x.diversity
      ON CONFLICT (node_id) DO NOTHING),
    done AS (
      UPDATE run_steps t SET status = 'done'::"StepStatus", child_id = n.id, passed = (n.verdict = 'passed'),
             finished_at = clock_timestamp() AT TIME ZONE 'UTC', error = NULL, error_kind = NULL
      FROM n JOIN x ON x.step_key = n.step_key
      WHERE t.id = x.step_id AND t.status IN ('pending', 'running')
      RETURNING t.id)
    SELECT x.i, n.id::text AS "childId", n.verdict AS "childVerdict",
           EXISTS (SELECT 1 FROM done WHERE done.id = x.step_id) AS updated,
           r.id, r.status::text AS status, r.mode::text AS mode, r.rounds, r.config, r.batch,
           r.current_round AS "currentRound",
           CASE WHEN x.advances THEN (
             SELECT json_agg(json_build_object('id', s.id, 'status', s.status, 'passed', s.passed, 'childId', s.child_id,
                                               'childRejected', (c.human_status = 'rejected') IS TRUE))
             FROM run_steps s LEFT JOIN nodes c ON c.id = s.child_id
             WHERE s.run_id = x.run_id AND s.parent_id = x.parent_id AND s.round = x.step_round)
           END AS siblings,
           CASE WHEN x.advances THEN
             EXISTS (SELECT 1 FROM nodes p WHERE p.id = x.parent_id AND p.human_status = 'rejected')
           END AS "parentRejected"
    FROM x JOIN runs r ON r.id = x.run_id LEFT JOIN n ON n.step_key = x.step_key
    ORDER BY x.i`;
  if (rows.length !== nodes.length) throw new Error("a run of a batch of steps is gone");
  return rows.map((row) => {
    const { i, childId, childVerdict, updated, siblings, parentRejected, ...run } = row;
    if (childId === null || childVerdict === null) return { run, stored: null };
    const { step, advances } = nodes[i];
    const child = { id: childId, verdict: childVerdict };
    const stored: StoredStepNode = {
      child,
      updated,
      run,
      siblings: !advances
        ? null
        : (siblings ?? []).map(({ id: slotId, ...slot }) => ({
            ...slot,
            ...(slotId === step.id && updated
              ? { status: "done" as const, passed: child.verdict === "passed", childId: child.id, childRejected: false }
              : {}),
            parentRejected: parentRejected === true,
          })),
    };
    return { run, stored };
  });
}
