import { DEFAULT_DUPLICATE_THRESHOLD } from "@/lib/evolution/duplicate-threshold";
import { estimateRun, runSizeProblem } from "@/lib/evolution/estimate";
import { normalizeWeights } from "@/lib/evolution/scheduling";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/server/errors";
import { endpointLabel } from "@/lib/server/llm/endpoints";
import { LLM_ROLES, roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { modelPricesFromEnv } from "@/lib/server/llm/model-prices";
import { resolveMethodVersion, type ResolvedMethodVersion } from "@/lib/server/methods/resolve-method-version";
import type { StartRunOptions } from "@/lib/validation/runs";
import type { RunConfig } from "./run-config";
import { seedWhere } from "./seed-selection";

export interface PreparedRun {
  config: RunConfig;
  method: ResolvedMethodVersion;
  seedCount: number;
  batch: boolean;
}

/**
 * Everything a run needs before its row is written, checked: the method, the
 * seed count, the size limit and prices. Refusals are InvalidInputError for
 * an option (400 through the API) and ConflictError for the server's or the
 * project's state (no endpoint configured, no seeds: 409). A comparison's run passes its drawn
 * sample (`sample`) instead of having its seeds counted from the filter.
 */
export async function prepareRun(
  options: StartRunOptions & { batch?: boolean; sample?: { comparisonId: string; seeds: number } },
): Promise<PreparedRun> {
  const batch = options.batch ?? false;
  const prisma = getPrisma();
  let label: string;
  try {
    label = endpointLabel(options.endpoint);
  } catch (error) {
    throw new ConflictError(error instanceof Error ? error.message : String(error));
  }
  const method = await resolveMethodVersion({ method: options.method, version: options.methodVersion }).catch(
    (error: unknown) => {
      // An unknown method is a wrong option of this request, not a missing run or project.
      throw error instanceof NotFoundError ? new InvalidInputError(error.message) : error;
    },
  );
  const where = seedWhere({ projectId: options.projectId, query: options.seedQuery });
  const matching = options.sample ? options.sample.seeds : await prisma.node.count({ where });
  const seedCount = Math.min(matching, options.seedLimit ?? matching);
  if (seedCount === 0 && options.seedQuery) throw new InvalidInputError("No seed matches that filter.");
  if (seedCount === 0) throw new ConflictError("This project has no seeds yet: import some first.");
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
  if (tooLarge) throw new InvalidInputError(tooLarge);
  // The selection ends at this seed, so seeds imported while a large first round is being created stay out.
  const lastSeed = options.sample
    ? null
    : await prisma.node.findFirstOrThrow({
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
    ...(lastSeed ? { lastSeedId: lastSeed.id } : {}),
    ...(options.sample ? { comparisonId: options.sample.comparisonId } : {}),
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
  return { config, method, seedCount, batch };
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
    throw new InvalidInputError(
      `A cost cap needs the price of every model the run uses; LLM_PRICES has none for ${unpriced.join(", ")}. ` +
        "Set it, or cap tokens instead.",
    );
  return prices;
}
