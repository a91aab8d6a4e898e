import { signatureOfText } from "@/lib/evolution/duplicate-rule";
import { withSqlTransaction } from "@/lib/server/db/direct-sql";
import { diversityFieldsForNewNode } from "@/lib/server/diversity/cache-node-diversity";
import { advanceAfterStep, advanceAfterSteps, settleRunIfIdle } from "./advance-after-step";
import type { CompleteStepOptions } from "./complete-step";
import type { EvolutionOutcome } from "./evolve-once";
import {
  duplicateVerdictOf,
  isJudged,
  lockAndReadDuplicates,
  notCheckedVerdict,
  withDuplicateVerdict,
  type DuplicateEvidenceRow,
} from "./judge-duplicate";
import { siblingsLockKey } from "./sibling-lock";
import { storedBefore, storeStepNodes } from "./store-step-node";

/** The node's metadata: its tokens, and which node a redo redoes and how. */
const stepNodeMetadata = (options: CompleteStepOptions) => ({
  tokens: options.outcome.tokens,
  ...(options.redo ? { redoOf: options.redo.nodeId, redo: options.redo.kind } : {}),
});

/**
 * Stores the child nodes of steps that finished (one, or many that step-store-queue.ts gathered) and moves their
 * runs on, in one transaction of set-based statements (decision 0053): the locks of all of them (every siblings'
 * lock, then every hash lock of the duplicate rule, each kind in key order); the rule's reads for all its
 * candidates, judged in memory; one INSERT of all the nodes with their diversity rows, their steps marked done and
 * their parents' slots read; then the next steps of the parents whose slots have all ended, created and queued per
 * run. A node is keyed by its step, so a rerun of a step that already finished stores nothing twice. No two steps
 * of one parent, or with one text, may be stored together (each would miss the other in the rule's reads): that is
 * refused with an error, as is everything if any statement fails — nothing of the batch is stored, and the caller
 * stores the steps one by one.
 */
export async function completeStepsTogether(items: CompleteStepOptions[]): Promise<void> {
  const families = new Set(items.map(({ step }) => siblingsLockKey(step.runId, step.parentId)));
  if (families.size < items.length) throw new Error("two steps of one batch have the same parent");
  const prepared = items.map((options) => {
    const signature = signatureOfText(options.outcome);
    return {
      options,
      signature,
      diversity: diversityFieldsForNewNode(options.outcome, signature),
      judged: isJudged(options.duplicateRule, options.outcome),
    };
  });
  const judged = prepared.filter((p) => p.judged);
  const settle = await withSqlTransaction(async (tx) => {
    const evidence = await lockAndReadDuplicates(tx, {
      siblingKeys: prepared
        .filter((p) => p.judged || p.options.advances)
        .map(({ options: { step } }) => siblingsLockKey(step.runId, step.parentId)),
      candidates: judged.map(({ options: { step, projectId, outcome } }) => ({
        projectId,
        runId: step.runId,
        parentId: step.parentId,
        stepKey: step.stepKey,
        instruction: outcome.instruction,
        input: outcome.input,
      })),
    });
    const evidenceOf = new Map(judged.map((p, i) => [p, evidence[i]]));
    const stored = await storeStepNodes(
      tx,
      prepared.map((p) => ({
        step: p.options.step,
        projectId: p.options.projectId,
        round: p.options.parentRound + 1,
        outcome: ruledOutcome(p.options, evidenceOf.get(p) ?? [], p.signature),
        metadata: stepNodeMetadata(p.options),
        diversity: p.diversity,
        models: p.options.models,
        templateVersion: p.options.templateVersion,
        methodVersionId: p.options.methodVersionId,
        advances: p.options.advances,
      })),
    );
    const advancing: Parameters<typeof advanceAfterSteps>[1] = [];
    const finished = new Set<string>();
    const grew = new Set<string>();
    for (const [i, { run, stored: node }] of stored.entries()) {
      const { step, advances } = items[i];
      // Its node stored by an earlier attempt (rare): the step is marked by it, its parent's slots read apart.
      const done = node ?? (await storedBefore(tx, step, run));
      if (!done.updated) continue;
      finished.add(step.runId);
      if (!advances) continue;
      if (done.siblings) advancing.push({ step, run: done.run, siblings: done.siblings });
      else if ((await advanceAfterStep({ tx, step, run: done.run, siblingsLocked: true })).created)
        grew.add(step.runId);
    }
    for (const runId of await advanceAfterSteps(tx, advancing)) grew.add(runId);
    // A run that got new steps has open steps; the others are settled after the commit (settleRunIfIdle).
    return [...finished].filter((runId) => !grew.has(runId));
  });
  for (const runId of settle) await settleRunIfIdle(runId);
}

/** The outcome with the duplicate rule's verdict, judged on the evidence read for it under the locks. */
function ruledOutcome(
  options: CompleteStepOptions,
  evidence: DuplicateEvidenceRow[],
  signature: Uint32Array,
): EvolutionOutcome {
  const { duplicateRule: rule, outcome, step } = options;
  if (isJudged(rule, outcome))
    return withDuplicateVerdict(
      outcome,
      duplicateVerdictOf({ step, candidate: outcome, rows: evidence, threshold: rule.threshold, signature }),
    );
  // An unparseable reply has no instruction to compare and no verdicts.
  if (rule && "notChecked" in rule && outcome.answer !== null)
    return withDuplicateVerdict(outcome, notCheckedVerdict(rule));
  return outcome;
}
