import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/server/auth/current-user";
import type { Operation } from "@/lib/evolution/operations";
import { normalizeWeights } from "@/lib/evolution/scheduling";
import { RULES } from "@/lib/evolution/eliminator";
import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { UserFacingError } from "@/lib/server/errors";
import { endpointLabel, isRealEndpointConfigured } from "@/lib/server/llm/endpoints";
import { LLM_ROLES, roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { enqueueStepJobs } from "@/lib/server/jobs/step-job";
import type { RedoKind } from "@/lib/validation/review";
import { createSteps } from "./create-steps";
import { claimRedo, getRedoAllowance } from "./redo-allowance";
import { runConfigSchema, type RunConfig } from "./run-config";

/**
 * Redoes one evolved node as a new sibling, never touching the node itself:
 * re-evolve asks for another rewrite of its parent (with the chosen
 * operation); re-answer answers its instruction again. Either is a one-step
 * run on the job queue, so it is keyed, retried and recorded like any other
 * step, and the new node lands beside the old one when the step finishes.
 * It is paid for, so it is an admin's decision unless the project lets
 * annotators redo (then up to a daily quota each); the run records who
 * started it.
 */
export async function startRedo(options: {
  projectId: string;
  nodeId: string;
  kind: RedoKind;
  operation?: Operation;
  actor: Pick<SessionUser, "id" | "role">;
}) {
  const prisma = getPrisma();
  // Checked again, under a lock, where the run is created; this first look answers a refusal before anything else.
  const allowance = await getRedoAllowance({ projectId: options.projectId, viewer: options.actor });
  if (!allowance.allowed) throw new UserFacingError(allowance.reason);
  const node = await prisma.node.findFirst({
    where: { id: options.nodeId, projectId: options.projectId },
    select: {
      id: true,
      rootId: true,
      operation: true,
      failedRules: true,
      parent: { select: { id: true, humanStatus: true } },
      methodVersionId: true,
      run: { select: { config: true, methodVersionId: true } },
    },
  });
  if (!node) throw new UserFacingError("That node does not exist in this project.");
  if (!node.parent || !node.operation)
    throw new UserFacingError(
      "A seed has no parent to evolve it from again: start a run from the project page to evolve seeds.",
    );
  if (node.parent.humanStatus === "rejected")
    throw new UserFacingError("Its parent was rejected, and a rejected node is not evolved further.");
  if (options.kind === "re-answer" && node.failedRules.includes("unparseable_reply")) {
    throw new UserFacingError(
      "This rewrite could not be read as an instruction, so there is nothing to answer again: re-evolve it instead.",
    );
  }
  const operation = options.kind === "re-evolve" ? options.operation : node.operation;
  if (!operation) throw new UserFacingError("Choose an operation to re-evolve with.");

  const config = redoConfig({ base: node.run?.config, kind: options.kind, nodeId: node.id, operation });
  return prisma.$transaction(async (tx) => {
    const remaining = await claimRedo({ tx, projectId: options.projectId, actor: options.actor });
    const run = await tx.run.create({
      data: {
        projectId: options.projectId,
        createdById: options.actor.id,
        status: "running",
        mode: "continuous",
        rounds: 1,
        currentRound: 1,
        templateVersion: TEMPLATE_VERSION,
        // The redo asks with the words that made the node, so it differs from it by chance only.
        ...methodOf(node),
        config: config as unknown as Prisma.InputJsonValue,
        startedAt: new Date(),
      },
    });
    const stepIds = await createSteps({
      tx,
      runId: run.id,
      config,
      round: 1,
      parents: [{ id: node.parent!.id, rootId: node.rootId }],
    });
    await enqueueStepJobs(tx, stepIds);
    await recordAuditEvent({
      db: tx,
      actorId: options.actor.id,
      action: `node.${options.kind}`,
      targetType: "node",
      targetId: node.id,
      data: { runId: run.id, operation, role: options.actor.role },
    });
    return { runId: run.id, operation, endpoint: config.endpointLabel, remaining };
  });
}

/**
 * The settings of a redo: those of the run that made the node (same endpoint,
 * models, rules), or, for nodes whose run is gone, the environment's.
 */
function redoConfig(options: { base: unknown; kind: RedoKind; nodeId: string; operation: Operation }): RunConfig {
  const base = runConfigSchema.safeParse(options.base);
  const inherited = base.success ? base.data : defaultConfig();
  let label: string;
  try {
    label = endpointLabel(inherited.endpoint);
  } catch (error) {
    throw new UserFacingError(error instanceof Error ? error.message : String(error));
  }
  const verb = options.kind === "re-evolve" ? `Re-evolve (${options.operation})` : "Re-answer";
  return {
    ...inherited,
    name: `${verb} of node ${options.nodeId.slice(-8)}`,
    seedQuery: "",
    seedLimit: null,
    seedCount: 1,
    branching: 1,
    weights: normalizeWeights({ [options.operation]: 1 }),
    endpointLabel: label,
    redo: { kind: options.kind, nodeId: options.nodeId },
  };
}

function defaultConfig(): RunConfig {
  const endpoint = isRealEndpointConfigured() ? "openai" : "simulator";
  return {
    name: "",
    seedQuery: "",
    seedLimit: null,
    seedCount: 1,
    branching: 1,
    weights: normalizeWeights({ deepen: 1 }),
    rules: Object.fromEntries(RULES.map((r) => [r, true])) as RunConfig["rules"],
    scoreDifficulty: false,
    endpoint,
    endpointLabel: "",
    llm: Object.fromEntries(LLM_ROLES.map((role) => [role, roleSettingsFromEnv(role)])) as RunConfig["llm"],
  };
}

function methodOf(node: { methodVersionId: string | null; run: { methodVersionId: string } | null }) {
  const methodVersionId = node.methodVersionId ?? node.run?.methodVersionId;
  return methodVersionId ? { methodVersionId } : {};
}
