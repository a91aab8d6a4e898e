import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { LlmCallFailedError } from "@/lib/server/llm/call-llm";
import { resolveEndpoint } from "@/lib/server/llm/endpoints";
import { FINISHED_STEP } from "./advance-after-step";
import { closeStep, completeStep, failStep } from "./complete-step";
import { evolveOnce } from "./evolve-once";
import { parseRunConfig } from "./run-config";

/**
 * The queue's job: one evolution step. Safe to run any number of times; a
 * finished step is a no-op, stored LLM results are reused, and a paused run's
 * steps wait to be queued again on resume.
 */
export async function runStepJob(payload: { stepId: string }): Promise<void> {
  const prisma = getPrisma();
  const step = await prisma.runStep.findUnique({
    where: { id: payload.stepId },
    include: {
      run: { select: { status: true, config: true, projectId: true, templateVersion: true } },
      parent: { select: { instruction: true, input: true, round: true, humanStatus: true } },
    },
  });
  if (!step || FINISHED_STEP.includes(step.status)) return;
  const { run, parent } = step;
  if (run.status === "paused" || run.status === "waiting_review" || run.status === "queued") return;
  if (run.status !== "running") return closeStep({ step, status: "cancelled", reason: `run is ${run.status}` });
  if (parent.humanStatus === "rejected")
    return closeStep({ step, status: "skipped", reason: "the parent was rejected by an annotator" });

  const { attempts } = await prisma.runStep.update({
    where: { id: step.id },
    data: { status: "running", attempts: { increment: 1 } },
  });
  const config = parseRunConfig(run.config);
  try {
    const endpoint = await resolveEndpoint(config.endpoint);
    const preset = config.redo?.kind === "re-answer" ? await reAnswerPreset(config.redo.nodeId) : undefined;
    const outcome = await evolveOnce({
      runId: step.runId,
      stepKey: step.stepKey,
      operation: step.operation,
      parent,
      config,
      endpoint,
      preset,
    });
    await completeStep({
      step,
      projectId: run.projectId,
      parentRound: parent.round,
      outcome,
      models: { evolve: config.llm.evolve.model, answer: config.llm.answer.model },
      templateVersion: run.templateVersion ?? TEMPLATE_VERSION,
      redo: config.redo,
    });
  } catch (error) {
    if (
      error instanceof LlmCallFailedError &&
      (!error.failure.retryable || attempts >= getEnv().EVOL_MAX_STEP_ATTEMPTS)
    ) {
      return failStep({ step, reason: error.message });
    }
    await prisma.runStep.updateMany({
      where: { id: step.id, status: "running" },
      data: { status: "pending", error: error instanceof Error ? error.message.slice(0, 2000) : String(error) },
    });
    throw error;
  }
}

/** The instruction a re-answer keeps: the source node's, as it stands now (an annotator's edit included). */
async function reAnswerPreset(nodeId: string) {
  const source = await getPrisma().node.findUniqueOrThrow({
    where: { id: nodeId },
    select: { instruction: true, input: true, rawReply: true },
  });
  return { instruction: source.instruction, input: source.input, rawReply: source.rawReply ?? source.instruction };
}
