import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/server/config/env";
import { buildCompletionParams, modelSettingsFor, roleSettingsFromEnv } from "./llm-settings";

describe("per-model request shape", () => {
  it("sends max_completion_tokens and no sampling to OpenAI reasoning models", () => {
    for (const model of ["o3-mini", "o4-mini", "gpt-5", "gpt-5-mini"]) {
      const params = buildCompletionParams(
        { model, temperature: 1, topP: 0.9, maxTokens: 2048 },
        "hi",
        modelSettingsFor(model, { LLM_MODEL_SETTINGS: undefined }),
      );
      expect(params).toEqual({ model, messages: [{ role: "user", content: "hi" }], max_completion_tokens: 2048 });
    }
  });

  it("sends max_tokens, temperature and top_p to other servers (vLLM, Ollama, llama.cpp, older GPTs)", () => {
    const params = buildCompletionParams(
      { model: "llama3.1:8b", temperature: 1, topP: 0.9, maxTokens: 2048 },
      "hi",
      modelSettingsFor("llama3.1:8b", { LLM_MODEL_SETTINGS: undefined }),
    );
    expect(params).toEqual({
      model: "llama3.1:8b",
      messages: [{ role: "user", content: "hi" }],
      max_tokens: 2048,
      temperature: 1,
      top_p: 0.9,
    });
  });

  it("reads the environment only when given no settings (callLlm passes the ones it read once)", () => {
    const saved = process.env.LLM_MODEL_SETTINGS;
    process.env.LLM_MODEL_SETTINGS = JSON.stringify({ "llama3.1:8b": { tokenParam: "max_completion_tokens" } });
    try {
      expect(modelSettingsFor("llama3.1:8b").tokenParam).toBe("max_completion_tokens");
      expect(modelSettingsFor("llama3.1:8b", { LLM_MODEL_SETTINGS: undefined }).tokenParam).toBe("max_tokens");
    } finally {
      if (saved === undefined) delete process.env.LLM_MODEL_SETTINGS;
      else process.env.LLM_MODEL_SETTINGS = saved;
    }
  });

  it("lets LLM_MODEL_SETTINGS override a model's shape", () => {
    const env = parseEnv({
      LLM_MODEL_SETTINGS: JSON.stringify({
        "my-proxy-model": { tokenParam: "max_completion_tokens" },
        "gpt-5": { sampling: true },
      }),
    });
    expect(modelSettingsFor("my-proxy-model", env)).toEqual({
      tokenParam: "max_completion_tokens",
      sampling: true,
    });
    expect(modelSettingsFor("gpt-5", env)).toEqual({ tokenParam: "max_completion_tokens", sampling: true });
    expect(() => parseEnv({ LLM_MODEL_SETTINGS: JSON.stringify({ x: { tokenParam: "tokens" } }) })).toThrow(
      /LLM_MODEL_SETTINGS: is not valid at x.tokenParam/,
    );
  });
});

describe("role settings from the environment", () => {
  it("uses the paper's sampling for answers and a short, cold judge by default", () => {
    expect(roleSettingsFromEnv("answer", parseEnv({}))).toEqual({
      model: "gpt-4o-mini",
      temperature: 1,
      topP: 0.9,
      maxTokens: 2048,
    });
    expect(roleSettingsFromEnv("judge", parseEnv({}))).toMatchObject({ temperature: 0, maxTokens: 16 });
  });

  it("reads a model and numbers per role, falling back to LLM_MODEL", () => {
    const env = parseEnv({
      LLM_MODEL: "base",
      LLM_JUDGE_MODEL: "judge-m",
      LLM_ANSWER_TEMPERATURE: "0.7",
      LLM_ANSWER_MAX_TOKENS: "512",
    });
    expect(roleSettingsFromEnv("evolve", env).model).toBe("base");
    expect(roleSettingsFromEnv("difficulty", env).model).toBe("judge-m");
    expect(roleSettingsFromEnv("answer", env)).toMatchObject({
      model: "base",
      temperature: 0.7,
      maxTokens: 512,
      topP: 0.9,
    });
    expect(roleSettingsFromEnv("optimizer", env)).toEqual({
      model: "base",
      temperature: 0.7,
      topP: 1,
      maxTokens: 1500,
    });
    expect(roleSettingsFromEnv("optimizer", parseEnv({ LLM_OPTIMIZER_MODEL: "opt-m" })).model).toBe("opt-m");
    expect(() => parseEnv({ LLM_ANSWER_TOP_P: "high" })).toThrow(/LLM_ANSWER_TOP_P: must be a number \(got "high"\)/);
  });
});
