import { getEnv, type Env } from "@/lib/server/config/env";

/** The roles a run's steps call (each run records their settings in its config). */
export const LLM_ROLES = ["evolve", "answer", "judge", "difficulty"] as const;
export type LlmRoleName = (typeof LLM_ROLES)[number];
/** The optimizer is no run role: it revises methods from their failures, outside any run (decision 0029). */
export type SettingsRole = LlmRoleName | "optimizer";

/** A stored role that must be a run's (a batch's phase): the optimizer never calls inside a run. */
export function asRunRole(role: SettingsRole): LlmRoleName {
  if (role === "optimizer") throw new Error("The optimizer is not a role of a run's steps.");
  return role;
}

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

// OpenAI's o-series and GPT-5 family take max_completion_tokens and reject
// non-default sampling; everything else (vLLM, Ollama, llama.cpp, older GPTs)
// gets the classic parameters.
const REASONING_MODEL = /^(o\d|gpt-5|gpt-4\.1-reasoning)/i;

/** The model's request shape, with LLM_MODEL_SETTINGS of `env` (read here only when no settings are given). */
export function modelSettingsFor(model: string, env: Pick<Env, "LLM_MODEL_SETTINGS"> = getEnv()): ModelSettings {
  const base: ModelSettings = REASONING_MODEL.test(model)
    ? { tokenParam: "max_completion_tokens", sampling: false }
    : { tokenParam: "max_tokens", sampling: true };
  return { ...base, ...env.LLM_MODEL_SETTINGS?.[model] };
}

// The paper's sampling for answers (temperature 1, top-p 0.9, 2048 tokens);
// the judge and the difficulty rater only need a word or a number; the
// optimizer writes a few sentences and should stay close to its brief.
const ROLE_DEFAULTS: Record<SettingsRole, Omit<RoleSettings, "model">> = {
  evolve: { temperature: 1, topP: 0.9, maxTokens: 2048 },
  answer: { temperature: 1, topP: 0.9, maxTokens: 2048 },
  judge: { temperature: 0, topP: 1, maxTokens: 16 },
  difficulty: { temperature: 0, topP: 1, maxTokens: 8 },
  optimizer: { temperature: 0.7, topP: 1, maxTokens: 1500 },
};

/** Role settings from the environment: LLM_<ROLE>_MODEL, _TEMPERATURE, _TOP_P, _MAX_TOKENS. */
export function roleSettingsFromEnv(role: SettingsRole, env: Env = getEnv()): RoleSettings {
  const key = role.toUpperCase() as Uppercase<SettingsRole>;
  const fallbackModel = role === "difficulty" ? (env.LLM_JUDGE_MODEL ?? env.LLM_MODEL) : env.LLM_MODEL;
  const defaults = ROLE_DEFAULTS[role];
  return {
    model: env[`LLM_${key}_MODEL`] ?? fallbackModel,
    temperature: env[`LLM_${key}_TEMPERATURE`] ?? defaults.temperature,
    topP: env[`LLM_${key}_TOP_P`] ?? defaults.topP,
    maxTokens: env[`LLM_${key}_MAX_TOKENS`] ?? defaults.maxTokens,
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
