import type { RunStatus } from "@/lib/generated/prisma/client";
import { splitIntoFiles } from "@/lib/batch/request-lines";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { enqueueBatchJob } from "@/lib/server/jobs/batch-job";
import { enqueueStepJobs } from "@/lib/server/jobs/step-job";
import { resolveEndpoint, type LlmEndpoint } from "@/lib/server/llm/endpoints";
import { loadMethodTexts } from "@/lib/server/methods/load-method-texts";
import { failStep, stallStep } from "@/lib/server/runs/complete-step";
import type { StepCallResult } from "@/lib/server/runs/evolve-once";
import { parseRunConfig, type RunConfig } from "@/lib/server/runs/run-config";
import { cancelRunBatches } from "./cancel-run-batches";
import { collectBatch, pollBatch } from "./collect-batch";
import { planRunPhase } from "./plan-run-phase";
import { planStepCalls } from "./plan-step-calls";
import { reserveBatchCalls } from "./reserve-batch-calls";
import { sendBatch, submitBatches } from "./submit-batches";

const ENDED: RunStatus[] = ["cancelled", "completed", "failed"];

/**
 * One pass of a batch-mode run's job (lib/server/jobs/batch-job.ts): cancel
 * a cancelled run's batches, send what a crash left unsent, poll the batches
 * due and collect those that ended, then — while the run is running — plan
 * the next phase: steps with all their calls stored go to their step jobs,
 * the others' next calls to new batches (or, when fewer than
 * LLM_BATCH_SYNC_BELOW, to step jobs making them live). Ends by queueing
 * its next pass, when anything is left to watch.
 */
export async function driveBatchRun(payload: { runId: string }): Promise<void> {
  const prisma = getPrisma();
  const run = await prisma.run.findUnique({
    where: { id: payload.runId },
    select: { id: true, status: true, batch: true, config: true, maxTokens: true, maxCostUsd: true },
  });
  if (!run?.batch) return;
  const config = parseRunConfig(run.config);
  let endpoint: LlmEndpoint;
  try {
    endpoint = await resolveEndpoint(config.endpoint);
  } catch (error) {
    // As a step job would: this worker cannot reach the run's endpoint at all, so asking again will not help.
    const why = error instanceof Error ? error.message : String(error);
    const steps = await prisma.runStep.findMany({
      where: { runId: run.id, status: { in: ["pending", "running"] } },
      select: { id: true, runId: true },
    });
    const reason = `The worker has no endpoint for this run (${config.endpoint}): ${why}`;
    for (const step of steps) await stallStep({ step, reason });
    return;
  }
  if (ENDED.includes(run.status)) await cancelRunBatches({ runId: run.id, endpoint });
  else await sendUnsent({ runId: run.id, config, endpoint });
  await pollAndCollect({ runId: run.id, endpoint });
  const { status } = await prisma.run.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } });
  if (status === "running") {
    const capped = run.maxTokens !== null || run.maxCostUsd !== null;
    await sendNextPhase({ runId: run.id, config, endpoint, capped });
  }
  await queueNextPass(run.id);
}

/** Batches stored but not yet at the provider (a crash between storing and sending): sent now, never twice. */
async function sendUnsent(options: { runId: string; config: RunConfig; endpoint: LlmEndpoint }) {
  const prisma = getPrisma();
  const unsent = await prisma.llmBatch.findMany({
    where: { runId: options.runId, state: { in: ["preparing", "uploaded"] } },
    include: { lines: { include: { step: { include: { parent: true } } } } },
  });
  if (unsent.length === 0) return;
  const run = await prisma.run.findUniqueOrThrow({ where: { id: options.runId }, select: { methodVersionId: true } });
  const texts = await loadMethodTexts({ methodVersionId: run.methodVersionId });
  for (const row of unsent) {
    if (row.state === "uploaded") {
      await sendBatch({ batchId: row.id, endpoint: options.endpoint });
      continue;
    }
    // Its file again: the same steps planned against the same stored results give the same bodies.
    const wanted = new Set(row.lines.map((line) => line.requestKey));
    const calls = [];
    for (const step of new Map(row.lines.map((line) => [line.stepId, line.step])).values()) {
      const stored = await storedOf(step.stepKey);
      const planned = await planStepCalls({ ...step, parent: step.parent, config: options.config, texts, stored });
      calls.push(...planned.filter((call) => wanted.has(call.customId)));
    }
    const [file] = splitIntoFiles(calls);
    await sendBatch({ batchId: row.id, file, endpoint: options.endpoint });
  }
}

async function storedOf(stepKey: string): Promise<Map<string, StepCallResult>> {
  const rows = await getPrisma().llmCall.findMany({
    where: { requestKey: { startsWith: `${stepKey}:` }, outcome: "ok", reply: { not: null } },
  });
  return new Map(
    rows.map((c) => [
      c.requestKey!,
      { text: c.reply!, promptTokens: c.promptTokens, completionTokens: c.completionTokens },
    ]),
  );
}

async function pollAndCollect(options: { runId: string; endpoint: LlmEndpoint }) {
  const prisma = getPrisma();
  const due = await prisma.llmBatch.findMany({
    where: {
      runId: options.runId,
      OR: [{ state: "ended" }, { state: "submitted", OR: [{ pollAt: null }, { pollAt: { lte: new Date() } }] }],
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  for (const { id } of due)
    if ((await pollBatch({ batchId: id, endpoint: options.endpoint })) === "ended")
      await collectBatch({ batchId: id, endpoint: options.endpoint });
}

async function sendNextPhase(options: { runId: string; config: RunConfig; endpoint: LlmEndpoint; capped: boolean }) {
  const env = getEnv();
  const plan = await planRunPhase({ runId: options.runId, config: options.config, maxAttempts: env.LLM_MAX_ATTEMPTS });
  for (const { step, reason, kind } of plan.exhausted) await failStep({ step, reason, kind });
  // A few calls are not worth a batch's wait: their steps make them live.
  const live = plan.calls.length > 0 && plan.calls.length < env.LLM_BATCH_SYNC_BELOW;
  const stepJobs = [...plan.ready, ...(live ? new Set(plan.calls.map((call) => call.stepId)) : [])];
  if (stepJobs.length > 0) await getPrisma().$transaction((tx) => enqueueStepJobs(tx, stepJobs));
  if (live || plan.calls.length === 0) return;
  await submitBatches({
    runId: options.runId,
    calls: plan.calls,
    endpoint: options.endpoint,
    admit: async (tx, calls) => {
      // Under the run's lock, as pause and cancel take it: no batch is stored for a run no longer running.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run:${options.runId}`}))`;
      const run = await tx.run.findUniqueOrThrow({ where: { id: options.runId }, select: { status: true } });
      if (run.status !== "running") return [];
      return options.capped ? reserveBatchCalls({ tx, runId: options.runId, config: options.config, calls }) : calls;
    },
  });
}

/**
 * Queues this job's next pass: at the earliest poll of an open batch, or
 * after one poll interval while steps of a running run are in step jobs
 * (their next round needs planning). Nothing left to watch: no next pass
 * (a step or a control command queues one when there is).
 */
async function queueNextPass(runId: string) {
  const prisma = getPrisma();
  const now = Date.now();
  const firstPoll = getEnv().LLM_BATCH_POLL_SECONDS * 1000;
  const open = await prisma.llmBatch.findMany({
    where: { runId, state: { not: "collected" } },
    select: { state: true, pollAt: true },
  });
  const times = open.map((b) => (b.state === "submitted" && b.pollAt ? b.pollAt.getTime() : now + firstPoll));
  const run = await prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
  if (run.status === "running") {
    const steps = await prisma.runStep.count({ where: { runId, status: { in: ["pending", "running"] } } });
    if (steps > 0) times.push(now + firstPoll);
  }
  if (times.length === 0) return;
  await enqueueBatchJob({ runId, startAfter: new Date(Math.max(now, Math.min(...times))) });
}
