import { DEFAULT_DUPLICATE_THRESHOLD } from "@/lib/evolution/duplicate-threshold";
import type { Prisma } from "@/lib/generated/prisma/client";
import { estimateRun, runSizeProblem } from "@/lib/evolution/estimate";
import { normalizeWeights } from "@/lib/evolution/scheduling";
import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { resolveMethodVersion } from "@/lib/server/methods/resolve-method-version";
import { UserFacingError } from "@/lib/server/errors";
import { endpointLabel } from "@/lib/server/llm/endpoints";
import { LLM_ROLES, roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { modelPricesFromEnv } from "@/lib/server/llm/model-prices";
import type { StartRunOptions } from "@/lib/validation/runs";
import { releaseInline } from "./release-round";
import type { RunConfig } from "./run-config";
import { seedWhere } from "./seed-selection";

// Seeds whose steps the start itself creates (a few seconds at most); a larger
// run's first round is created by its release job (lib/server/runs/release-round.ts).
const INLINE_BATCHES = 5;

/**
 * Creates a run and its first round: one step per selected seed and branch
 * slot, queued with it. A run of up to a few thousand seeds starts whole in one
 * transaction; a larger one's first round is created in batches by a job.
 */
export async function startRun(options: StartRunOptions & { actorId: string | null; batch?: boolean }) {
  const batch = options.batch ?? false;
  const prisma = getPrisma();
  let label: string;
  try {
    label = endpointLabel(options.endpoint);
  } catch (error) {
    throw new UserFacingError(error instanceof Error ? error.message : String(error));
  }
  const method = await resolveMethodVersion({ method: options.method, version: options.methodVersion });
  const where = seedWhere({ projectId: options.projectId, query: options.seedQuery });
  const matching = await prisma.node.count({ where });
  const seedCount = Math.min(matching, options.seedLimit ?? matching);
  if (seedCount === 0)
    throw new UserFacingError(
      options.seedQuery ? "No seed matches that filter." : "This project has no seeds yet: import some first.",
    );
  const estimate = estimateRun({
    seeds: seedCount,
    rounds: options.rounds,
    k: options.branching,
    judge: options.rules.no_information_gain,
    scoreDifficulty: options.scoreDifficulty,
  });
  const tooLarge = runSizeProblem({
    evolutions: estimate.evolutions,
    maxSteps: getEnv().EVOL_MAX_RUN_STEPS,
    seeds: seedCount,
    rounds: options.rounds,
    k: options.branching,
  });
  if (tooLarge) throw new UserFacingError(tooLarge);
  // The selection ends at this seed, so seeds imported while a large first round is being created stay out.
  const lastSeed = await prisma.node.findFirstOrThrow({
    where,
    orderBy: { id: seedCount < matching ? "asc" : "desc" },
    skip: seedCount < matching ? seedCount - 1 : 0,
    select: { id: true },
  });
  const llm = Object.fromEntries(
    LLM_ROLES.map((role) => [role, { ...roleSettingsFromEnv(role), model: options.models[role] }]),
  ) as RunConfig["llm"];
  const prices = pricesOf({ llm, options });
  const config: RunConfig = {
    name: options.name,
    seedQuery: options.seedQuery,
    seedLimit: options.seedLimit ?? null,
    seedCount,
    lastSeedId: lastSeed.id,
    branching: options.branching,
    weights: normalizeWeights(options.weights),
    rules: options.rules,
    duplicateThreshold: options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD,
    scoreDifficulty: options.scoreDifficulty,
    endpoint: options.endpoint,
    endpointLabel: label,
    llm,
    prices,
    ...(batch ? { batch, batchPriceFactor: getEnv().LLM_BATCH_PRICE_FACTOR } : {}),
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
          methodVersionId: method.id,
          config: config as unknown as Prisma.InputJsonValue,
          startedAt: new Date(),
          maxTokens: options.maxTokens ?? null,
          maxCostUsd: options.maxCostUsd ?? null,
          releasingRound: 1,
          batch,
        },
      });
      const first = await releaseInline({ tx, runId: run.id, maxBatches: INLINE_BATCHES });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "run.start",
        targetType: "run",
        targetId: run.id,
        data: {
          seeds: seedCount,
          rounds: options.rounds,
          branching: options.branching,
          mode: options.mode,
          batch,
          maxTokens: options.maxTokens ?? null,
          maxCostUsd: options.maxCostUsd ?? null,
          method: `${method.method} v${method.version}`,
        },
      });
      // Steps created now; the rest of a large first round follows from the release job.
      return {
        id: run.id,
        seeds: seedCount,
        method: `${method.method} v${method.version}`,
        steps: first.queued ? seedCount * options.branching : first.created,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * The prices of the models the run uses, as LLM_PRICES has them now (a run
 * keeps the prices it started with). A cost cap needs a price for every model
 * a real endpoint will be asked; the simulator costs nothing unless priced.
 */
function pricesOf(options: { llm: RunConfig["llm"]; options: StartRunOptions }): NonNullable<RunConfig["prices"]> {
  const table = modelPricesFromEnv();
  const { rules, scoreDifficulty, endpoint, maxCostUsd } = options.options;
  const used = LLM_ROLES.filter(
    (role) => (role !== "judge" || rules.no_information_gain) && (role !== "difficulty" || scoreDifficulty),
  );
  const prices = Object.fromEntries(
    used.flatMap((role) => (table[options.llm[role].model] ? [[role, table[options.llm[role].model]]] : [])),
  ) as NonNullable<RunConfig["prices"]>;
  const unpriced = [...new Set(used.filter((role) => !prices[role]).map((role) => options.llm[role].model))];
  if (maxCostUsd !== undefined && endpoint === "openai" && unpriced.length > 0)
    throw new UserFacingError(
      `A cost cap needs the price of every model the run uses; LLM_PRICES has none for ${unpriced.join(", ")}. ` +
        "Set it, or cap tokens instead.",
    );
  return prices;
}
