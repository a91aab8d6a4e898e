import { signatureOfText } from "@/lib/evolution/duplicate-rule";
import { withSqlTransaction } from "@/lib/server/db/direct-sql";
import { diversityFieldsForNewNode } from "@/lib/server/diversity/cache-node-diversity";
import { advanceAfterStep, settleRunIfIdle } from "./advance-after-step";
import { advanceAfterSteps } from "./advance-after-steps";
import { stepNodeMetadata, type CompleteStepOptions } from "./complete-step";
import { duplicateVerdictOf, isJudged, notCheckedVerdict, withDuplicateVerdict } from "./judge-duplicate";
import { lockAndReadDuplicates } from "./judge-duplicates";
import { siblingsLockKey } from "./sibling-lock";
import { storedBefore } from "./store-step-node";
import { storeStepNodes } from "./store-step-nodes";

/**
 * completeStep for steps that finished together (step-store-queue.ts gathers them), in one transaction of a few
 * set-based statements instead of one transaction each (decision 0053): the locks of all of them (every
 * siblings' lock, then every hash lock of the duplicate rule, each kind in key order), the rule's reads for all
 * its candidates, one INSERT of all the nodes with their diversity rows and steps, then the next steps of the
 * parents whose slots have all ended, created and queued per run. Each step ends exactly as completeStep would
 * have ended it. The caller keeps one step per parent and run, and one per text, in a batch; anything else is
 * refused (an error), and so is everything if any statement fails: nothing of the batch is stored, and the
 * caller stores the steps one by one.
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
    const stored = await storeStepNodes(
      tx,
      prepared.map((p) => {
        const { options } = p;
        const rule = options.duplicateRule;
        let outcome = options.outcome;
        if (p.judged) {
          const verdict = duplicateVerdictOf({
            step: options.step,
            candidate: outcome,
            rows: evidence[judged.indexOf(p)],
            threshold: (rule as { threshold: number }).threshold,
            signature: p.signature,
          });
          outcome = withDuplicateVerdict(outcome, verdict);
        } else if (rule && "notChecked" in rule && outcome.answer !== null) {
          outcome = withDuplicateVerdict(outcome, notCheckedVerdict(rule));
        }
        return {
          step: options.step,
          projectId: options.projectId,
          round: options.parentRound + 1,
          outcome,
          metadata: stepNodeMetadata(options),
          diversity: p.diversity,
          models: options.models,
          templateVersion: options.templateVersion,
          methodVersionId: options.methodVersionId,
          advances: options.advances,
        };
      }),
    );
    const advancing: Parameters<typeof advanceAfterSteps>[1] = [];
    const finished = new Set<string>();
    const grew = new Set<string>();
    for (const [i, { run, stored: node }] of stored.entries()) {
      const { step, advances } = items[i];
      // Stored by an earlier attempt: that step takes the single step's way (rare: a rerun).
      const done = node ?? (await storedBefore(tx, step, run));
      if (!done.updated) continue;
      finished.add(step.runId);
      if (!advances) continue;
      if (done.siblings) advancing.push({ step, run: done.run, siblings: done.siblings });
      else if ((await advanceAfterStep({ tx, step, run: done.run, siblingsLocked: true })).created)
        grew.add(step.runId);
    }
    for (const runId of await advanceAfterSteps(tx, advancing)) grew.add(runId);
    // As completeStep: a run that got new steps has open steps; the others are settled after the commit.
    return [...finished].filter((runId) => !grew.has(runId));
  });
  for (const runId of settle) await settleRunIfIdle(runId);
}
