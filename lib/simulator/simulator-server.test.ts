import OpenAI, { BadRequestError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
    expect(stats.byKind).toEqual({ evolve: 1, answer: 0, judge: 1, difficulty: 0 });
    expect((await fetch(`${origin}/reset`, { method: "POST" })).status).toBe(200);
    expect(sim.stats()).toMatchObject({ requests: 0, completed: 0, byBodyHash: {} });
  });
});

describe("latency and concurrency", () => {
  it("waits about latencyMs per request, within the jitter band", async () => {
    sim.setOptions({ latencyMs: 100, jitter: 0.5 });
    const started = performance.now();
    await ask("slow one");
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(50);
    expect(elapsed).toBeLessThan(1_000);
  });

  it("spreads latency across the jitter band", async () => {
    sim.setOptions({ latencyMs: 60, jitter: 0.5 });
    const times = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const started = performance.now();
        await ask(`jitter ${i}`);
        return performance.now() - started;
      }),
    );
    expect(Math.min(...times)).toBeGreaterThanOrEqual(29);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(15);
  });

  it("handles 200 concurrent requests at once", async () => {
    sim.setOptions({ latencyMs: 300 });
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => ask(`concurrent ${i}`)));
    expect(replies.every((r) => (r.choices[0].message.content ?? "").length > 100)).toBe(true);
    const stats = sim.stats();
    expect(stats).toMatchObject({ requests: 200, completed: 200, inFlight: 0 });
    expect(stats.maxInFlight).toBeGreaterThanOrEqual(100);
    expect(Object.keys(stats.byBodyHash)).toHaveLength(200);
  });

  it("close() returns promptly even with requests still waiting", async () => {
    const local = await createSimulator({ latencyMs: 60_000 });
    const localClient = new OpenAI({ baseURL: local.url, apiKey: "sim", maxRetries: 0 });
    const pending = localClient.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(local.stats().inFlight).toBe(1);
    const started = performance.now();
    await local.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});
