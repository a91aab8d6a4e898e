// callLlm through the real openai client against the simulator over HTTP,
// recording into a real Postgres.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSimulator, type FaultKind, type Simulator } from "@/lib/simulator/create-simulator";
import { buildAnswerPrompt } from "@/lib/evolution/templates";
import { setupTestDatabase } from "@/tests/setup/test-database";

process.env.LLM_CONCURRENCY = "4";
await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { callLlm, LlmCallFailedError } = await import("./call-llm");

let simulator: Simulator;
const settings = { model: "sim-answerer", temperature: 1, topP: 0.9, maxTokens: 256 };
const endpoint = () => ({ kind: "simulator" as const, baseURL: simulator.url, apiKey: "sim", label: "sim" });
let n = 0;
const key = () => `test:${Date.now()}:${++n}`;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 1, seed: "call-llm" });
});
afterAll(async () => simulator?.close());

/**
 * Lets the simulator fail the first attempt, then heals it: waits until one
 * more `fault` has fired than `before`, then clears the faults. The retry comes
 * at least a Retry-After or client timeout later, so it finds the simulator healed.
 */
async function clearFaultsAfterFirst(fault: FaultKind, before: number) {
  await vi.waitFor(() => expect(simulator.stats().faults[fault]).toBeGreaterThan(before), {
    timeout: 20_000,
    interval: 5,
  });
  simulator.setOptions({ faults: {} });
}

describe("callLlm", () => {
  it("returns the reply with tokens and latency, and records the call", async () => {
    const requestKey = key();
    const result = await callLlm({
      role: "answer",
      settings,
      prompt: buildAnswerPrompt("Name three primes."),
      endpoint: endpoint(),
      requestKey,
    });
    expect(result.text.length).toBeGreaterThan(20);
    expect(result.reused).toBe(false);
    expect(result.promptTokens).toBeGreaterThan(0);
    const row = await getPrisma().llmCall.findUniqueOrThrow({ where: { requestKey } });
    expect(row).toMatchObject({ role: "answer", model: "sim-answerer", outcome: "ok", reply: result.text, attempt: 1 });
  });

  it("never asks again for a result stored under the same key", async () => {
    const requestKey = key();
    const prompt = buildAnswerPrompt("Explain tides.");
    const first = await callLlm({ role: "answer", settings, prompt, endpoint: endpoint(), requestKey });
    const second = await callLlm({ role: "answer", settings, prompt, endpoint: endpoint(), requestKey });
    expect(second).toMatchObject({ text: first.text, reused: true, attempts: 0 });
    expect(simulator.stats().arrivalsByRequestKey[requestKey]).toHaveLength(1);
  });

  it("waits for Retry-After on 429 and records each failed attempt", async () => {
    simulator.setOptions({ faults: { rate_limit: 1 }, retryAfterSeconds: 1 });
    const requestKey = key();
    const rateLimited = simulator.stats().faults.rate_limit;
    const started = Date.now();
    const pending = callLlm({
      role: "answer",
      settings,
      prompt: buildAnswerPrompt("Why is the sky blue?"),
      endpoint: endpoint(),
      requestKey,
      maxAttempts: 3,
    });
    await clearFaultsAfterFirst("rate_limit", rateLimited);
    const result = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.attempts).toBe(2);
    const errors = await getPrisma().llmCall.findMany({ where: { outcome: "error", errorKind: "rate_limit" } });
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0].errorMessage).toMatch(/rate limit/i);
  });

  it("gives up after maxAttempts on persistent server errors, with the reason", async () => {
    simulator.setOptions({ faults: { server_error: 1 } });
    const failure = callLlm({
      role: "judge",
      settings,
      prompt: "x",
      endpoint: endpoint(),
      requestKey: key(),
      maxAttempts: 2,
    });
    await expect(failure).rejects.toBeInstanceOf(LlmCallFailedError);
    await expect(failure).rejects.toThrow(/judge call failed, server_error after 2 attempt/);
    simulator.setOptions({ faults: {} });
  });

  it("takes the settings from its caller when given (read once per step, not per call)", async () => {
    const { getEnv } = await import("@/lib/server/config/env");
    expect(getEnv().LLM_MAX_ATTEMPTS).toBeGreaterThan(1);
    simulator.setOptions({ faults: { server_error: 1 } });
    const before = simulator.stats().requests;
    const failure = callLlm({
      role: "judge",
      settings,
      prompt: "x",
      endpoint: endpoint(),
      requestKey: key(),
      env: { ...getEnv(), LLM_MAX_ATTEMPTS: 1 },
    });
    await expect(failure).rejects.toThrow(/judge call failed, server_error after 1 attempt/);
    expect(simulator.stats().requests - before).toBe(1);
    simulator.setOptions({ faults: {} });
  });

  it("does not retry a request the server refuses as invalid", async () => {
    const before = simulator.stats().requests;
    const failure = callLlm({
      role: "answer",
      settings: { ...settings, model: "" },
      prompt: "x",
      endpoint: endpoint(),
      requestKey: key(),
      maxAttempts: 5,
    });
    await expect(failure).rejects.toThrow(/bad_request after 1 attempt/);
    expect(simulator.stats().requests - before).toBe(1);
  });

  it("times out a hung request and retries it", async () => {
    // Clients are made per endpoint and read the timeout then: a new base URL spelling gets a fresh one.
    process.env.LLM_TIMEOUT_MS = "300";
    simulator.setOptions({ faults: { timeout: 1 }, timeoutHangMs: 2_000 });
    const timedOut = simulator.stats().faults.timeout;
    const pending = callLlm({
      role: "answer",
      settings,
      prompt: buildAnswerPrompt("Hang?"),
      endpoint: { ...endpoint(), baseURL: simulator.url + "/" },
      requestKey: key(),
      maxAttempts: 3,
    });
    await clearFaultsAfterFirst("timeout", timedOut);
    const result = await pending;
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    const timeouts = await getPrisma().llmCall.count({ where: { errorKind: "timeout" } });
    expect(timeouts).toBeGreaterThanOrEqual(1);
  });
});
