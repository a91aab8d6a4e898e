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

type Row = RunToAdvance & {
  childId: string | null;
  childVerdict: string | null;
  updated: number;
  siblings: (Omit<Sibling, "parentRejected"> & { id: string })[] | null;
  parentRejected: boolean | null;
};

/**
 * Stores a step's child node (with its diversity row), marks the step done and
 * reads the run, in one statement (decision 0047). With `siblingsLocked` (the
 * transaction holds the siblings' lock, taken in an earlier statement, so this
 * one's snapshot has every sibling committed before it) the same statement
 * reads the parent's slots for advanceAfterStep; this step's own slot is read
 * as it was before the statement and is set here to what the statement made
 * it. A rerun of a step whose node is stored already (the INSERT does nothing)
 * takes the statements of old: find the node, mark the step, read the run.
 */
export async function storeStepNode(tx: SqlClient, node: StepNode, siblingsLocked: boolean): Promise<StoredStepNode> {
  const { step, outcome, diversity } = node;
  const id = uuid7();
  const contentHash = contentHashOf(outcome.instruction, outcome.input);
  const [row] = await tx.$queryRaw<Row[]>`
    WITH n AS (
      INSERT INTO nodes (id, project_id, root_id, parent_id, round, instruction, input, output, metadata, content_hash,
                         run_id, operation, template_version, method_version_id, step_key, raw_reply, evolve_model,
                         answer_model, verdict, failed_rules, eliminator, difficulty)
      VALUES (${id}::uuid, ${node.projectId}::uuid, ${step.rootId}::uuid, ${step.parentId}::uuid, ${node.round},
              ${outcome.instruction}, ${outcome.input}, ${outcome.answer}, ${JSON.stringify(node.metadata)}::jsonb,
              ${contentHash}, ${step.runId}::uuid, ${step.operation}::"Operation",
              ${node.templateVersion}, ${node.methodVersionId}::uuid, ${step.stepKey}, ${outcome.rawReply},
              ${node.models.evolve}, ${node.models.answer},
              ${outcome.passed ? "passed" : "failed"}::"EliminatorVerdict", ${outcome.failedRules}::text[],
              ${JSON.stringify(outcome.eliminator)}::jsonb, ${outcome.difficulty})
      ON CONFLICT (step_key) DO NOTHING
      RETURNING id, verdict::text),
    d AS (
      INSERT INTO node_diversity (node_id, project_id, round, content_hash, verb, object, signature)
      SELECT n.id, ${node.projectId}::uuid, ${node.round}, ${contentHash}, ${diversity?.verb ?? null},
             ${diversity?.object ?? null}, decode(${diversity?.signature ?? ""}, 'base64')
      FROM n WHERE ${diversity !== null}
      ON CONFLICT (node_id) DO NOTHING),
    done AS (
      UPDATE run_steps t SET status = 'done'::"StepStatus", child_id = n.id, passed = (n.verdict = 'passed'),
             finished_at = clock_timestamp() AT TIME ZONE 'UTC', error = NULL, error_kind = NULL
      FROM n
      WHERE t.id = ${step.id}::uuid AND t.status IN ('pending', 'running')
      RETURNING t.id)
    SELECT n.id::text AS "childId", n.verdict AS "childVerdict", (SELECT count(*)::int FROM done) AS updated,
           r.id, r.status::text AS status, r.mode::text AS mode, r.rounds, r.config, r.batch,
           r.current_round AS "currentRound",
           CASE WHEN ${siblingsLocked} THEN (
             SELECT json_agg(json_build_object('id', s.id, 'status', s.status, 'passed', s.passed, 'childId', s.child_id,
                                               'childRejected', (c.human_status = 'rejected') IS TRUE))
             FROM run_steps s LEFT JOIN nodes c ON c.id = s.child_id
             WHERE s.run_id = ${step.runId}::uuid AND s.parent_id = ${step.parentId}::uuid AND s.round = ${step.round})
           END AS siblings,
           CASE WHEN ${siblingsLocked} THEN
             EXISTS (SELECT 1 FROM nodes p WHERE p.id = ${step.parentId}::uuid AND p.human_status = 'rejected')
           END AS "parentRejected"
    FROM runs r LEFT JOIN n ON true
    WHERE r.id = ${step.runId}::uuid`;
  if (!row) throw new Error(`run ${step.runId} is gone`);
  const { childId, childVerdict, updated, siblings, parentRejected, ...run } = row;
  if (childId === null || childVerdict === null) return storedBefore(tx, step, run);
  const child = { id: childId, verdict: childVerdict };
  return {
    child,
    updated: updated > 0,
    run,
    siblings: !siblingsLocked
      ? null
      : (siblings ?? []).map(({ id: slotId, ...slot }) => ({
          ...slot,
          ...(slotId === step.id && updated > 0
            ? { status: "done" as const, passed: child.verdict === "passed", childId: child.id, childRejected: false }
            : {}),
          parentRejected: parentRejected === true,
        })),
  };
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
