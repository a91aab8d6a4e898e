import { checkDuplicate } from "@/lib/evolution/duplicate-rule";
import { withVerdict, type RuleVerdict } from "@/lib/evolution/eliminator";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EvolutionOutcome } from "./evolve-once";
import { duplicateThresholdOf, enabledRules, type RunConfig } from "./run-config";

/** How a run's steps judge the duplicate rule: with its threshold, or not at all with a reason. */
export type DuplicateRule = { threshold: number } | { notChecked: string };

// Advisory lock classes (the two-key form: a key space apart from the one-key locks of runs and siblings).
const SIBLINGS_LOCK = 25_001;
const HASH_LOCK = 25_002;
// A parent has at most a few siblings per run (branching ≤ 5, plus redos); enough to compare against.
const MAX_SIBLINGS = 50;

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
 */
export async function applyDuplicateRule(options: {
  tx: Prisma.TransactionClient;
  projectId: string;
  step: { runId: string; parentId: string; stepKey: string };
  outcome: EvolutionOutcome;
  rule: DuplicateRule;
}): Promise<EvolutionOutcome> {
  const { tx, projectId, step, outcome, rule } = options;
  // An unparseable reply has no instruction to compare and no verdicts.
  if (outcome.answer === null) return outcome;
  const verdict = await judge({ tx, projectId, step, candidate: outcome, rule });
  const evaluation = withVerdict(outcome.eliminator.verdicts, verdict);
  return {
    ...outcome,
    passed: evaluation.passed,
    failedRules: evaluation.failedRules,
    eliminator: { ...outcome.eliminator, verdicts: evaluation.verdicts },
  };
}

async function judge(options: {
  tx: Prisma.TransactionClient;
  projectId: string;
  step: { runId: string; parentId: string; stepKey: string };
  candidate: { instruction: string; input: string };
  rule: DuplicateRule;
}): Promise<RuleVerdict> {
  const { tx, projectId, step, candidate, rule } = options;
  if ("notChecked" in rule) return { rule: "duplicate", enabled: false, failed: false, reason: rule.notChecked };
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIBLINGS_LOCK}::int, hashtext(${`${step.runId}:${step.parentId}`}))`;
  const [{ hash }] = await tx.$queryRaw<[{ hash: string }]>`
    SELECT nodes_duplicate_hash(${candidate.instruction}, ${candidate.input}) AS hash`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HASH_LOCK}::int, hashtext(${`${projectId}:${hash}`}))`;
  // The step's own node exists already when a finished step runs again: it is not its own duplicate.
  const [identical] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM nodes
    WHERE project_id = ${projectId}::uuid AND duplicate_hash = ${hash} AND step_key IS DISTINCT FROM ${step.stepKey}
    ORDER BY id LIMIT 1`;
  const text = { id: true, instruction: true, input: true } as const;
  const parent = await tx.node.findUniqueOrThrow({ where: { id: step.parentId }, select: text });
  const siblings = await tx.node.findMany({
    where: { parentId: step.parentId, runId: step.runId, NOT: { stepKey: step.stepKey } },
    select: text,
    orderBy: { id: "asc" },
    take: MAX_SIBLINGS,
  });
  return checkDuplicate(candidate, {
    identicalNodeId: identical?.id ?? null,
    parent,
    siblings,
    threshold: rule.threshold,
  });
}
