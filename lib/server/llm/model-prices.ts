import { getEnv, type Env } from "@/lib/server/config/env";

export type ModelPrices = NonNullable<Env["LLM_PRICES"]>;

/** Prices per million tokens by model, from LLM_PRICES (JSON), for run cost estimates. */
export function modelPricesFromEnv(env: Env = getEnv()): ModelPrices {
  return env.LLM_PRICES ?? {};
}
