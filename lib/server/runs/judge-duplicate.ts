// The duplicate rule is judged where the node is stored (decision 0025), under
// two locks that make it hold for steps finishing at the same moment: one per
// parent and run (sibling-lock.ts), so siblings are judged one after another
// and each sees those stored before it; one per project and hash, so two
// identical texts under different parents cannot both miss each other. Here:
// the rule's settings, its locks and reads for the steps stored together
// (complete-steps-together.ts), and its verdict from what was read.
import { checkDuplicate } from "@/lib/evolution/duplicate-rule";
import { withVerdict, type RuleVerdict } from "@/lib/evolution/eliminator";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlClient } from "@/lib/server/db/direct-sql";
import type { EvolutionOutcome } from "./evolve-once";
import { duplicateThresholdOf, enabledRules, type RunConfig } from "./run-config";
import { SIBLINGS_LOCK } from "./sibling-lock";

/** How a run's steps judge the duplicate rule: with its threshold, or not at all with a reason. */
export type DuplicateRule = { threshold: number } | { notChecked: string };

// Advisory lock class of the hash (the two-key form: a key space apart from the one-key locks of runs).
const HASH_LOCK = 25_002;
// A parent has at most a few siblings per run (branching ≤ 5, plus redos); enough to compare against.
const MAX_SIBLINGS = 50;

export function duplicateRuleOf(config: RunConfig): DuplicateRule | null {
  if (!enabledRules(config).duplicate) return null;
  if (config.redo?.kind === "re-answer")
    return { notChecked: "not checked: a re-answer keeps the instruction of the node it redoes" };
  return { threshold: duplicateThresholdOf(config) };
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

/** What the rule reads of the project for one candidate: an identical node, the parent and the siblings. */
export interface DuplicateEvidenceRow {
  kind: "identical" | "parent" | "sibling";
  id: string;
  instruction: string;
  input: string;
}

/** The verdict on a candidate from the rows lockAndReadDuplicates read for it. */
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

/** A step whose outcome the duplicate rule compares with the project (isJudged). */
export interface DuplicateCandidate {
  projectId: string;
  runId: string;
  parentId: string;
  stepKey: string;
  instruction: string;
  input: string;
}

/**
 * The locks of the steps stored together (complete-steps-together.ts), and what the duplicate rule reads under
 * them for each of its candidates. First, in one statement, every siblings' lock (sibling-lock.ts; also taken
 * for the steps that may move their lineage on) and then every hash lock, each kind in the order of its key, so
 * that transactions in any number of processes wait for one another without a cycle. Then, in a statement of
 * its own (which sees what was committed before the locks were granted), each candidate's evidence: an identical
 * node, the parent and the siblings. No two candidates may share a hash (each would miss the other): refused.
 */
export async function lockAndReadDuplicates(
  tx: SqlClient,
  options: { siblingKeys: string[]; candidates: DuplicateCandidate[] },
): Promise<DuplicateEvidenceRow[][]> {
  const { siblingKeys, candidates } = options;
  if (siblingKeys.length === 0 && candidates.length === 0) return [];
  const index = candidates.map((_, i) => i);
  const hashes = await tx.$queryRaw<{ i: number; hash: string }[]>`
    WITH siblings AS MATERIALIZED (
           SELECT count(pg_advisory_xact_lock(${SIBLINGS_LOCK}::int, k)) AS locked
           FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest(${siblingKeys}::text[]) AS key ORDER BY 1) AS keys),
         h AS MATERIALIZED (
           SELECT c.i, c.project, nodes_duplicate_hash(c.instruction, c.input) AS hash
           FROM siblings, unnest(${index}::int[], ${candidates.map((c) => c.projectId)}::text[],
                                 ${candidates.map((c) => c.instruction)}::text[], ${candidates.map((c) => c.input)}::text[])
                AS c(i, project, instruction, input)),
         locked AS MATERIALIZED (
           SELECT count(pg_advisory_xact_lock(${HASH_LOCK}::int, k)) AS locked
           FROM (SELECT DISTINCT hashtext(project || ':' || hash) AS k FROM h ORDER BY 1) AS keys)
    SELECT h.i, h.hash FROM h, locked`;
  if (candidates.length === 0) return [];
  const hashOf = new Array<string>(candidates.length);
  for (const { i, hash } of hashes) hashOf[i] = hash;
  const texts = new Set(candidates.map((c, i) => `${c.projectId}:${hashOf[i]}`));
  if (texts.size < candidates.length) throw new Error("two steps of one batch have the same text");
  // The step's own node exists already when a finished step runs again: it is not its own duplicate. The limit
  // is written into the text, not sent as a parameter: a prepared statement's generic plan (decision 0041) would
  // otherwise guess it.
  const rows = await tx.$queryRaw<(DuplicateEvidenceRow & { i: number })[]>`
    SELECT c.i, r.kind, r.id, r.instruction, r.input
    FROM unnest(${index}::int[], ${candidates.map((c) => c.projectId)}::uuid[], ${hashOf}::text[],
                ${candidates.map((c) => c.parentId)}::uuid[], ${candidates.map((c) => c.runId)}::uuid[],
                ${candidates.map((c) => c.stepKey)}::text[]) AS c(i, project_id, hash, parent_id, run_id, step_key)
    CROSS JOIN LATERAL (
      (SELECT 'identical' AS kind, n.id::text AS id, '' AS instruction, '' AS input FROM nodes n
        WHERE n.project_id = c.project_id AND n.duplicate_hash = c.hash AND n.step_key IS DISTINCT FROM c.step_key
        ORDER BY n.id LIMIT 1)
      UNION ALL
      SELECT 'parent', n.id::text, n.instruction, n.input FROM nodes n WHERE n.id = c.parent_id
      UNION ALL
      (SELECT 'sibling', n.id::text, n.instruction, n.input FROM nodes n
        WHERE n.parent_id = c.parent_id AND n.run_id = c.run_id AND n.step_key <> c.step_key
        ORDER BY n.id LIMIT ${Prisma.raw(String(MAX_SIBLINGS))})) AS r`;
  const evidence = candidates.map((): DuplicateEvidenceRow[] => []);
  for (const { i, ...row } of rows) evidence[i].push(row);
  return evidence;
}
