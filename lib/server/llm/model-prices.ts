import { getEnv, type Env } from "@/lib/server/config/env";

export type ModelPrices = NonNullable<Env["LLM_PRICES"]>;

/** Prices per million tokens by model, from LLM_PRICES (JSON), for run cost estimates. */
export function modelPricesFromEnv(env: Env = getEnv()): ModelPrices {
  return env.LLM_PRICES ?? {};
}

/** LLM_BATCH_PRICE_FACTOR: the Batch API's price as a share of LLM_PRICES (OpenAI: half). */
export function batchPriceFactorFromEnv(env: Env = getEnv()): number {
  return env.LLM_BATCH_PRICE_FACTOR;
}
