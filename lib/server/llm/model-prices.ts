import { z } from "zod";

const pricesSchema = z.record(
  z.string(),
  z.object({ promptPerMillion: z.number().min(0), completionPerMillion: z.number().min(0) }),
);

/** Prices per million tokens by model, from LLM_PRICES (JSON), for run cost estimates. */
export function modelPricesFromEnv(raw = process.env.LLM_PRICES): z.infer<typeof pricesSchema> {
  if (!raw) return {};
  const parsed = pricesSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`LLM_PRICES is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
