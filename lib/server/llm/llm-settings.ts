import { z } from "zod";

export const LLM_ROLES = ["evolve", "answer", "judge", "difficulty"] as const;
export type LlmRoleName = (typeof LLM_ROLES)[number];

/** How one model wants its request shaped; OpenAI's reasoning models differ from vLLM and friends. */
export interface ModelSettings {
  /** Name of the output-length parameter the server understands. */
  tokenParam: "max_tokens" | "max_completion_tokens";
  /** False for models that refuse any temperature / top_p but the default. */
  sampling: boolean;
}

export interface RoleSettings {
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
}

const modelSettingsSchema = z.record(
  z.string(),
  z.object({
    tokenParam: z.enum(["max_tokens", "max_completion_tokens"]).optional(),
    sampling: z.boolean().optional(),
  }),
);

// OpenAI's o-series and GPT-5 family take max_completion_tokens and reject
// non-default sampling; everything else (vLLM, Ollama, llama.cpp, older GPTs)
// gets the classic parameters.
const REASONING_MODEL = /^(o\d|gpt-5|gpt-4\.1-reasoning)/i;

export function modelSettingsFor(model: string, overrides = process.env.LLM_MODEL_SETTINGS): ModelSettings {
  const base: ModelSettings = REASONING_MODEL.test(model)
    ? { tokenParam: "max_completion_tokens", sampling: false }
    : { tokenParam: "max_tokens", sampling: true };
  if (!overrides) return base;
  const parsed = modelSettingsSchema.safeParse(JSON.parse(overrides));
  if (!parsed.success) throw new Error(`LLM_MODEL_SETTINGS is not valid: ${parsed.error.issues[0]?.message}`);
  return { ...base, ...parsed.data[model] };
}

// The paper's sampling for answers (temperature 1, top-p 0.9, 2048 tokens);
// the judge and the difficulty rater only need a word or a number.
const ROLE_DEFAULTS: Record<LlmRoleName, Omit<RoleSettings, "model">> = {
  evolve: { temperature: 1, topP: 0.9, maxTokens: 2048 },
  answer: { temperature: 1, topP: 0.9, maxTokens: 2048 },
  judge: { temperature: 0, topP: 1, maxTokens: 16 },
  difficulty: { temperature: 0, topP: 1, maxTokens: 8 },
};

/** Role settings from the environment: LLM_<ROLE>_MODEL, _TEMPERATURE, _TOP_P, _MAX_TOKENS. */
export function roleSettingsFromEnv(
  role: LlmRoleName,
  env: Record<string, string | undefined> = process.env,
): RoleSettings {
  const key = role.toUpperCase();
  const fallbackModel = role === "difficulty" ? (env.LLM_JUDGE_MODEL ?? env.LLM_MODEL) : env.LLM_MODEL;
  const number = (name: string, fallback: number) => {
    const raw = env[`LLM_${key}_${name}`];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`LLM_${key}_${name} must be a number, got "${raw}"`);
    return value;
  };
  const defaults = ROLE_DEFAULTS[role];
  return {
    model: env[`LLM_${key}_MODEL`] || fallbackModel || "gpt-4o-mini",
    temperature: number("TEMPERATURE", defaults.temperature),
    topP: number("TOP_P", defaults.topP),
    maxTokens: number("MAX_TOKENS", defaults.maxTokens),
  };
}

/** The request body for one chat completion, shaped for the model. */
export function buildCompletionParams(
  settings: RoleSettings,
  prompt: string,
  model = modelSettingsFor(settings.model),
) {
  return {
    model: settings.model,
    messages: [{ role: "user" as const, content: prompt }],
    [model.tokenParam]: settings.maxTokens,
    ...(model.sampling ? { temperature: settings.temperature, top_p: settings.topP } : {}),
  };
}
