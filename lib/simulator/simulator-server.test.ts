import OpenAI, { BadRequestError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildEvolvePrompt, buildJudgePrompt } from "@/lib/evolution/templates";
import { createSimulator } from "./create-simulator";
import type { Simulator, SimulatorStats } from "./types";

let sim: Simulator;
let client: OpenAI;

beforeAll(async () => {
  sim = await createSimulator({ seed: "server" });
  client = new OpenAI({ baseURL: sim.url, apiKey: "sim", maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setOptions({ latencyMs: 0, jitter: 0 });
  sim.resetStats();
});

const ask = (content: string) => client.chat.completions.create({ model: "m", messages: [{ role: "user", content }] });
const post = (path: string, body: string) =>
  fetch(`${sim.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("HTTP surface", () => {
  it("listens on 127.0.0.1 with a /v1 base URL", () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}/v1`);
    expect(sim.port).toBeGreaterThan(0);
  });

  it("rejects a body without messages with a 400 in OpenAI's error shape", async () => {
    for (const body of [
      '{"model":"m"}',
      '{"model":"m","messages":[]}',
      '{"model":"m","messages":[{"content":"x"}]}',
      "not json",
      "[]",
    ]) {
      const response = await post("/chat/completions", body);
      expect(response.status).toBe(400);
      const json = (await response.json()) as { error: { message: string; type: string; code: string | null } };
      expect(json.error.type).toBe("invalid_request_error");
      expect(json.error.message.length).toBeGreaterThan(3);
    }
  });

  it("refuses streaming and bad token limits through the client", async () => {
    const streaming = await client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true })
      .catch((e: unknown) => e);
    expect(streaming).toBeInstanceOf(BadRequestError);
    expect((streaming as BadRequestError).message).toMatch(/streaming not supported by the simulator/);
    const zero = await client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "x" }], max_tokens: 0 })
      .catch((e: unknown) => e);
    expect(zero).toBeInstanceOf(BadRequestError);
  });

  it("answers unknown routes with 404", async () => {
    expect((await fetch(`${sim.url}/embeddings`)).status).toBe(404);
    expect((await post("/completions", "{}")).status).toBe(404);
  });

  it("serves stats over HTTP and resets them with POST /reset", async () => {
    await ask(buildEvolvePrompt("deepen", "Explain tides."));
    await ask(buildJudgePrompt("a", "b"));
    const origin = sim.url.replace(/\/v1$/, "");
    const stats = (await (await fetch(`${origin}/stats`)).json()) as SimulatorStats;
    expect(stats.byKind).toEqual({ evolve: 1, answer: 0, judge: 1, difficulty: 0, optimize: 0 });
    expect((await fetch(`${origin}/reset`, { method: "POST" })).status).toBe(200);
    expect(sim.stats()).toMatchObject({ requests: 0, completed: 0, byBodyHash: {} });
  });
});

describe("latency and concurrency", () => {
  /** One request, with the delay the simulator drew for it (its x-simulator-delay-ms header) and the time it took. */
  async function timedAsk(content: string) {
    const started = performance.now();
    const { data, response } = await client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content }] })
      .withResponse();
    return {
      data,
      delay: Number(response.headers.get("x-simulator-delay-ms")),
      elapsed: performance.now() - started,
    };
  }

  // Node's timers count whole milliseconds, so one may fire up to 1 ms before
  // its delay as measured by performance.now(). Only lower bounds are checked:
  // a slow machine makes requests take longer, never shorter.
  const TIMER_SLACK_MS = 1;

  it("waits at least the delay it draws, within latencyMs ± jitter", async () => {
    sim.setOptions({ latencyMs: 100, jitter: 0.5 });
    const { delay, elapsed } = await timedAsk("slow one");
    expect(delay).toBeGreaterThanOrEqual(50);
    expect(delay).toBeLessThanOrEqual(150);
    expect(elapsed).toBeGreaterThanOrEqual(delay - TIMER_SLACK_MS);
  });

  it("draws exactly latencyMs without jitter", async () => {
    sim.setOptions({ latencyMs: 40, jitter: 0 });
    const delays = await Promise.all(Array.from({ length: 5 }, async (_, i) => (await timedAsk(`steady ${i}`)).delay));
    expect(delays).toEqual([40, 40, 40, 40, 40]);
  });

  it("spreads its delays across the jitter band, and waits each one out", async () => {
    sim.setOptions({ latencyMs: 60, jitter: 0.5 });
    const asked = await Promise.all(Array.from({ length: 40 }, (_, i) => timedAsk(`jitter ${i}`)));
    const delays = asked.map((a) => a.delay);
    // The draws are seeded by the simulator's seed and each request body, so this spread is the same on every run.
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...delays)).toBeLessThanOrEqual(90);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(15);
    expect(new Set(delays).size).toBeGreaterThan(10);
    for (const { delay, elapsed } of asked) expect(elapsed).toBeGreaterThanOrEqual(delay - TIMER_SLACK_MS);
  });

  it("answers 200 concurrent requests, each once", async () => {
    sim.setOptions({ latencyMs: 300 });
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => ask(`concurrent ${i}`)));
    expect(replies.every((r) => (r.choices[0].message.content ?? "").length > 100)).toBe(true);
    const stats = sim.stats();
    expect(stats).toMatchObject({ requests: 200, completed: 200, inFlight: 0 });
    expect(Object.keys(stats.byBodyHash)).toHaveLength(200);
  });

  it("holds 200 requests open at once, and close() ends them all unanswered", async () => {
    // A delay no test waits out: the requests stay open until close().
    const local = await createSimulator({ latencyMs: 60_000 });
    const localClient = new OpenAI({ baseURL: local.url, apiKey: "sim", maxRetries: 0 });
    const pending = Array.from({ length: 200 }, (_, i) =>
      localClient.chat.completions
        .create({ model: "m", messages: [{ role: "user", content: `held ${i}` }] })
        .catch((e: unknown) => e),
    );
    await vi.waitFor(() => expect(local.stats().inFlight).toBe(200), { timeout: 20_000, interval: 20 });
    expect(local.stats()).toMatchObject({ requests: 200, completed: 0, maxInFlight: 200 });
    // Were close() to wait for the pending replies, this would hang until the test times out.
    await local.close();
    const outcomes = await Promise.all(pending);
    expect(outcomes.every((e) => e instanceof OpenAI.APIConnectionError)).toBe(true);
    expect(local.stats().completed).toBe(0);
  });
});
