import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { hasLiveJobSql } from "@/lib/server/jobs/live-job";
import { STEP_QUEUE } from "@/lib/server/jobs/step-job";
import type { StepRow } from "@/lib/server/runs/complete-step";
import type { StepCallResult } from "@/lib/server/runs/evolve-once";
import type { RunConfig } from "@/lib/server/runs/run-config";
import { requestKeyOf } from "@/lib/server/runs/step-key";
import { loadMethodTexts } from "@/lib/server/methods/load-method-texts";
import { planStepCalls } from "./plan-step-calls";
import type { StepBatchCall } from "./submit-batches";

const ROLES = ["evolve", "answer", "judge", "difficulty"] as const;
const CHUNK = 5_000;
// A line the provider refused for what it is (not for load or time) fails the same way every time.
const FINAL_KINDS = new Set(["auth", "not_found", "bad_request"]);

export interface RunPhasePlan {
  /** Steps with every call stored (or a rejected parent): their step jobs finish them without a call. */
  ready: string[];
  /** The next calls of the other steps, with their steps and rounds. */
  calls: StepBatchCall[];
  /** Steps a call of which failed in batches LLM_MAX_ATTEMPTS times (or for good): they fail like any step. */
  exhausted: { step: StepRow; reason: string; kind: string }[];
}

/**
 * The next phase of a batch-mode run: every pending step that is neither in
 * an open batch nor in a step job of its own, planned against the results
 * stored so far (planStepCalls). Run again after each collect, so phases
 * follow from the data.
 */
export async function planRunPhase(options: {
  runId: string;
  config: RunConfig;
  maxAttempts: number;
}): Promise<RunPhasePlan> {
  const prisma = getPrisma();
  const { methodVersionId } = await prisma.run.findUniqueOrThrow({
    where: { id: options.runId },
    select: { methodVersionId: true },
  });
  const texts = await loadMethodTexts({ methodVersionId });
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    SELECT s.id::text FROM run_steps s
    WHERE s.run_id = ${options.runId}::uuid AND s.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM llm_batch_lines l JOIN llm_batches b ON b.id = l.batch_id
                      WHERE l.step_id = s.id AND b.state <> 'collected')
      AND NOT ${hasLiveJobSql(STEP_QUEUE, Prisma.sql`s.id::text`, "exclusive")}
    ORDER BY s.id`;
  const plan: RunPhasePlan = { ready: [], calls: [], exhausted: [] };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const steps = await prisma.runStep.findMany({
      where: { id: { in: ids.slice(i, i + CHUNK).map((row) => row.id) } },
      include: { parent: { select: { instruction: true, input: true, humanStatus: true } } },
      orderBy: { id: "asc" },
    });
    const keys = steps.flatMap((step) => ROLES.map((role) => requestKeyOf(step.stepKey, role)));
    const [stored, failures] = await Promise.all([storedResults(keys), lineFailures(keys)]);
    for (const step of steps) {
      if (step.parent.humanStatus === "rejected") {
        plan.ready.push(step.id);
        continue;
      }
      const calls = await planStepCalls({ ...step, parent: step.parent, config: options.config, texts, stored });
      if (calls.length === 0) {
        plan.ready.push(step.id);
        continue;
      }
      const spent = calls.flatMap((call) => {
        const failed = failures.get(call.customId);
        if (!failed || (failed.count < options.maxAttempts && !FINAL_KINDS.has(failed.lastKind))) return [];
        return [{ call, failed }];
      });
      if (spent.length > 0) {
        const { call, failed } = spent[0];
        plan.exhausted.push({
          step,
          kind: failed.lastKind,
          reason: `The ${call.role} call failed in ${failed.count} batch${failed.count === 1 ? "" : "es"} (last: ${failed.lastKind}).`,
        });
        continue;
      }
      plan.calls.push(...calls.map((call) => ({ ...call, stepId: step.id, round: step.round })));
    }
  }
  return plan;
}

async function storedResults(keys: string[]): Promise<Map<string, StepCallResult>> {
  const rows = await getPrisma().llmCall.findMany({
    where: { requestKey: { in: keys }, outcome: "ok", reply: { not: null } },
    select: { requestKey: true, reply: true, promptTokens: true, completionTokens: true },
  });
  return new Map(
    rows.map((c) => [
      c.requestKey!,
      { text: c.reply!, promptTokens: c.promptTokens, completionTokens: c.completionTokens },
    ]),
  );
}

/** Failed batch lines per request key: how many, and the last one's kind. */
async function lineFailures(keys: string[]): Promise<Map<string, { count: number; lastKind: string }>> {
  const rows = await getPrisma().llmBatchLine.findMany({
    where: { requestKey: { in: keys }, outcome: "error" },
    select: { requestKey: true, errorKind: true },
    orderBy: { createdAt: "asc" },
  });
  const failures = new Map<string, { count: number; lastKind: string }>();
  for (const row of rows)
    failures.set(row.requestKey, {
      count: (failures.get(row.requestKey)?.count ?? 0) + 1,
      lastKind: row.errorKind ?? "batch_error",
    });
  return failures;
}
