import { checkDuplicate } from "@/lib/evolution/duplicate-rule";
import { withVerdict, type RuleVerdict } from "@/lib/evolution/eliminator";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlClient } from "@/lib/server/db/direct-sql";
import type { EvolutionOutcome } from "./evolve-once";
import { duplicateThresholdOf, enabledRules, type RunConfig } from "./run-config";
import { SIBLINGS_LOCK, siblingsLockKey } from "./sibling-lock";

/** How a run's steps judge the duplicate rule: with its threshold, or not at all with a reason. */
export type DuplicateRule = { threshold: number } | { notChecked: string };

// Advisory lock class of the hash (the two-key form: a key space apart from the one-key locks of runs).
export const HASH_LOCK = 25_002;
// A parent has at most a few siblings per run (branching ≤ 5, plus redos); enough to compare against.
export const MAX_SIBLINGS = 50;

export function duplicateRuleOf(config: RunConfig): DuplicateRule | null {
  if (!enabledRules(config).duplicate) return null;
  if (config.redo?.kind === "re-answer")
    return { notChecked: "not checked: a re-answer keeps the instruction of the node it redoes" };
  return { threshold: duplicateThresholdOf(config) };
}

/**
 * The duplicate rule's verdict on a step's outcome, judged in the transaction
 * that stores the node. Two locks make it hold for steps finishing at the same
 * moment (decision 0025): one per parent and run, so siblings are judged one
 * after another and each sees those stored before it; one per project and
 * hash, so two identical texts under different parents cannot both miss each
 * other. Both are taken first, always in this order, and held to the commit.
 * Says whether it took the siblings' lock (sibling-lock.ts), which the rest of
 * the transaction then holds.
 */
export async function applyDuplicateRule(options: {
  tx: SqlClient;
  projectId: string;
  step: { runId: string; parentId: string; stepKey: string };
  outcome: EvolutionOutcome;
  rule: DuplicateRule;
  /** The new text's MinHash signature, computed once by the step (it stores it in the diversity row too). */
  signature?: Uint32Array;
}): Promise<{ outcome: EvolutionOutcome; siblingsLocked: boolean }> {
  const { tx, projectId, step, outcome, rule } = options;
  // An unparseable reply has no instruction to compare and no verdicts.
  if (outcome.answer === null) return { outcome, siblingsLocked: false };
  const verdict = await judge({ tx, projectId, step, candidate: outcome, rule, signature: options.signature });
  return { outcome: withDuplicateVerdict(outcome, verdict), siblingsLocked: !("notChecked" in rule) };
}

/** Whether the rule compares this outcome with other nodes (under the locks): on, checked, and a parsed reply. */
export function isJudged(
  rule: DuplicateRule | null | undefined,
  outcome: EvolutionOutcome,
): rule is { threshold: number } {
  return rule !== null && rule !== undefined && !("notChecked" in rule) && outcome.answer !== null;
}

/** The verdict of a run whose steps the rule does not compare (a re-answer). */
export const notCheckedVerdict = (rule: { notChecked: string }): RuleVerdict => ({
  rule: "duplicate",
  enabled: false,
  failed: false,
  reason: rule.notChecked,
});

/** The outcome with the duplicate rule's verdict among its eliminator's, and passed and failedRules to match. */
export function withDuplicateVerdict(outcome: EvolutionOutcome, verdict: RuleVerdict): EvolutionOutcome {
  const evaluation = withVerdict(outcome.eliminator.verdicts, verdict);
  return {
    ...outcome,
    passed: evaluation.passed,
    failedRules: evaluation.failedRules,
    eliminator: { ...outcome.eliminator, verdicts: evaluation.verdicts },
  };
}

async function judge(options: {
  tx: SqlClient;
  projectId: string;
  step: { runId: string; parentId: string; stepKey: string };
  candidate: { instruction: string; input: string };
  rule: DuplicateRule;
  signature?: Uint32Array;
}): Promise<RuleVerdict> {
  const { tx, projectId, step, candidate, rule } = options;
  if ("notChecked" in rule) return notCheckedVerdict(rule);
  // The two locks in their order, then the hash: one statement (each step of the chain needs the one before).
  const [{ hash }] = await tx.$queryRaw<[{ hash: string }]>`
    WITH siblings AS MATERIALIZED (
           SELECT pg_advisory_xact_lock(${SIBLINGS_LOCK}::int, hashtext(${siblingsLockKey(step.runId, step.parentId)}))::text
             AS locked),
         h AS MATERIALIZED (SELECT nodes_duplicate_hash(${candidate.instruction}, ${candidate.input}) AS hash FROM siblings),
         locked AS MATERIALIZED (
           SELECT hash, pg_advisory_xact_lock(${HASH_LOCK}::int, hashtext(${`${projectId}:`} || hash))::text AS locked FROM h)
    SELECT hash FROM locked`;
  // Read after both locks are held (a statement of its own, so it sees what was committed before they were
  // granted): an identical node, the parent and the siblings. The step's own node exists already when a
  // finished step runs again: it is not its own duplicate. The limit is written into the text, not sent as a
  // parameter: a prepared statement's generic plan (decision 0041) would otherwise guess it.
  const rows = await tx.$queryRaw<DuplicateEvidenceRow[]>`
    (SELECT 'identical' AS kind, id, '' AS instruction, '' AS input FROM nodes
      WHERE project_id = ${projectId}::uuid AND duplicate_hash = ${hash} AND step_key IS DISTINCT FROM ${step.stepKey}
      ORDER BY id LIMIT 1)
    UNION ALL
    SELECT 'parent', id, instruction, input FROM nodes WHERE id = ${step.parentId}::uuid
    UNION ALL
    (SELECT 'sibling', id, instruction, input FROM nodes
      WHERE parent_id = ${step.parentId}::uuid AND run_id = ${step.runId}::uuid AND step_key <> ${step.stepKey}
      ORDER BY id LIMIT ${Prisma.raw(String(MAX_SIBLINGS))})`;
  return duplicateVerdictOf({ step, candidate, rows, threshold: rule.threshold, signature: options.signature });
}

/** What the rule reads of the project for one candidate: an identical node, the parent and the siblings. */
export interface DuplicateEvidenceRow {
  kind: "identical" | "parent" | "sibling";
  id: string;
  instruction: string;
  input: string;
}

/** The verdict on a candidate from the rows read for it (judge's read, or judge-duplicates.ts's for many). */
export function duplicateVerdictOf(options: {
  step: { parentId: string; stepKey: string };
  candidate: { instruction: string; input: string };
  rows: DuplicateEvidenceRow[];
  threshold: number;
  signature?: Uint32Array;
}): RuleVerdict {
  const { step, rows } = options;
  const identical = rows.find((r) => r.kind === "identical");
  const parentRow = rows.find((r) => r.kind === "parent");
  if (!parentRow) throw new Error(`node ${step.parentId} (the parent of step ${step.stepKey}) is gone`);
  const parent = { id: parentRow.id, instruction: parentRow.instruction, input: parentRow.input };
  const siblings = rows
    .filter((r) => r.kind === "sibling")
    .map((r) => ({ id: r.id, instruction: r.instruction, input: r.input }));
  return checkDuplicate(options.candidate, {
    identicalNodeId: identical?.id ?? null,
    parent,
    siblings,
    threshold: options.threshold,
    candidateSignature: options.signature,
  });
}
