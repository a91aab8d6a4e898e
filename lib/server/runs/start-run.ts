import type { Prisma } from "@/lib/generated/prisma/client";
import { normalizeWeights } from "@/lib/evolution/scheduling";
import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { UserFacingError } from "@/lib/server/errors";
import { endpointLabel } from "@/lib/server/llm/endpoints";
import { LLM_ROLES, roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { enqueueStepJobs } from "@/lib/server/jobs/step-job";
import type { StartRunOptions } from "@/lib/validation/runs";
import { createSteps } from "./create-steps";
import type { RunConfig } from "./run-config";
import { seedWhere } from "./seed-selection";

/**
 * Creates a run and its first round: one step per selected seed and branch
 * slot, queued in the same transaction, so a run either starts whole or not.
 */
export async function startRun(options: StartRunOptions & { actorId: string | null }) {
  const prisma = getPrisma();
  let label: string;
  try {
    label = endpointLabel(options.endpoint);
  } catch (error) {
    throw new UserFacingError(error instanceof Error ? error.message : String(error));
  }
  const where = seedWhere({ projectId: options.projectId, query: options.seedQuery });
  const seeds = await prisma.node.findMany({
    where,
    select: { id: true },
    orderBy: { id: "asc" },
    take: options.seedLimit,
  });
  if (seeds.length === 0)
    throw new UserFacingError(
      options.seedQuery ? "No seed matches that filter." : "This project has no seeds yet: import some first.",
    );
  const llm = Object.fromEntries(
    LLM_ROLES.map((role) => [role, { ...roleSettingsFromEnv(role), model: options.models[role] }]),
  ) as RunConfig["llm"];
  const config: RunConfig = {
    name: options.name,
    seedQuery: options.seedQuery,
    seedLimit: options.seedLimit ?? null,
    seedCount: seeds.length,
    branching: options.branching,
    weights: normalizeWeights(options.weights),
    rules: options.rules,
    scoreDifficulty: options.scoreDifficulty,
    endpoint: options.endpoint,
    endpointLabel: label,
    llm,
  };
  return prisma.$transaction(
    async (tx) => {
      const run = await tx.run.create({
        data: {
          projectId: options.projectId,
          createdById: options.actorId,
          status: "running",
          mode: options.mode,
          rounds: options.rounds,
          currentRound: 1,
          templateVersion: TEMPLATE_VERSION,
          config: config as unknown as Prisma.InputJsonValue,
          startedAt: new Date(),
        },
      });
      const stepIds = await createSteps({
        tx,
        runId: run.id,
        config,
        round: 1,
        parents: seeds.map((s) => ({ id: s.id, rootId: s.id })),
      });
      await enqueueStepJobs(tx, stepIds);
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "run.start",
        targetType: "run",
        targetId: run.id,
        data: { seeds: seeds.length, rounds: options.rounds, branching: options.branching, mode: options.mode },
      });
      return { id: run.id, seeds: seeds.length, steps: stepIds.length };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
