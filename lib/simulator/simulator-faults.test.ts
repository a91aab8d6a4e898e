import OpenAI, { APIConnectionTimeoutError, InternalServerError, RateLimitError } from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkCopiedPrompt, checkEmptyAnswer, checkNoInformationGain, checkRefusal } from "@/lib/evolution/eliminator";
import { parseEvolvedInstruction } from "@/lib/evolution/parse-reply";
import { buildAnswerPrompt, buildEvolvePrompt, buildJudgePrompt } from "@/lib/evolution/templates";
import { normalizeForDuplicates } from "@/lib/text/duplicate-text";
import { createSimulator } from "./create-simulator";
import type { FaultKind, Simulator, SimulatorOptions } from "./types";

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(options: SimulatorOptions, clientOptions: { timeout?: number } = {}) {
  sim = await createSimulator(options);
  const client = new OpenAI({ baseURL: sim.url, apiKey: "sim", maxRetries: 0, ...clientOptions });
  const ask = (content: string) =>
    client.chat.completions.create({ model: "m", messages: [{ role: "user", content }] });
  return { sim, client, ask };
}

const always = (fault: FaultKind) => ({ faults: { [fault]: 1 } });

describe("transport faults", () => {
  it("rate_limit → 429 with retry-after and an OpenAI error body", async () => {
    const { ask } = await start({ ...always("rate_limit"), retryAfterSeconds: 7 });
    const error = await ask("Hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.headers.get("retry-after")).toBe("7");
    expect(rateLimit.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
    expect(rateLimit.message).toMatch(/Rate limit/);
  });

  it("maxInFlight: above N requests at once → 429 with retry-after; those within N are answered", async () => {
    const { ask, sim } = await start({ maxInFlight: 2, latencyMs: 200, retryAfterSeconds: 3 });
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((i) => ask(`Hi ${i}`).catch((e: unknown) => e)));
    const refused = outcomes.filter((o) => o instanceof RateLimitError) as RateLimitError[];
    expect(refused).toHaveLength(3);
    expect(refused[0].headers.get("retry-after")).toBe("3");
    expect(sim.stats()).toMatchObject({ completed: 2, rejectedInFlight: 3 });
    // Once those finished there is room again.
    await expect(ask("Hi again")).resolves.toMatchObject({ object: "chat.completion" });
  });

  it("maxInFlight with rateLimitHeaders tells each answer how many more it would take", async () => {
    const { client } = await start({ maxInFlight: 3, rateLimitHeaders: true });
    const { response } = await client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "Hi" }] })
      .withResponse();
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("3");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("2");
  });

  it("server_error → 500 or 503", async () => {
    const { ask, sim } = await start(always("server_error"));
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const error = await ask(`Hi ${i}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerError);
      statuses.add((error as InternalServerError).status);
    }
    expect(statuses).toEqual(new Set([500, 503]));
    expect(sim.stats().faults.server_error).toBe(12);
    expect(sim.stats().completed).toBe(0);
  });

  it("timeout → the connection hangs until the client gives up", async () => {
    const { ask, sim } = await start({ ...always("timeout"), timeoutHangMs: 10_000 }, { timeout: 300 });
    const started = performance.now();
    const error = await ask("Hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(sim.stats().faults.timeout).toBe(1);
  });

  it("timeout drops the connection after timeoutHangMs", async () => {
    const { ask, sim } = await start({ ...always("timeout"), timeoutHangMs: 100 }, { timeout: 5_000 });
    const error = await ask("Hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    // The server sees its side of the socket close a moment after the client does.
    await vi.waitFor(() => expect(sim.stats().inFlight).toBe(0), { timeout: 10_000 });
  });
});

describe("content faults", () => {
  it("empty_reply → empty content", async () => {
    const { ask } = await start(always("empty_reply"));
    const reply = await ask(buildAnswerPrompt("Explain tides."));
    expect(reply.choices[0].message.content).toBe("");
    expect(parseEvolvedInstruction("").ok).toBe(false);
  });

  it("garbage_reply → symbols the empty_answer rule rejects", async () => {
    const { ask } = await start(always("garbage_reply"));
    const content = (await ask("Explain tides.")).choices[0].message.content ?? "";
    expect(content).toMatch(/^[<>%~#@^|{}[\]=*&: ]+$/);
    expect(checkEmptyAnswer(content).failed).toBe(true);
  });

  it("refusal → a short sorry, for answers only", async () => {
    const { ask, sim } = await start(always("refusal"));
    const answer = (await ask(buildAnswerPrompt("Explain tides."))).choices[0].message.content ?? "";
    expect(checkRefusal(answer).failed).toBe(true);
    const evolved = (await ask(buildEvolvePrompt("deepen", "Explain tides."))).choices[0].message.content ?? "";
    expect(evolved).not.toMatch(/sorry/i);
    expect(sim.stats().faults.refusal).toBe(1);
  });

  it("leaked_label → a label mid-reply that copied_prompt catches, for evolve only", async () => {
    const { ask, sim } = await start(always("leaked_label"));
    for (const op of ["deepen", "breadth"] as const) {
      const reply = (await ask(buildEvolvePrompt(op, "Explain tides."))).choices[0].message.content ?? "";
      const parsed = parseEvolvedInstruction(reply);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(checkCopiedPrompt(parsed.instruction).failed).toBe(true);
    }
    const answer = (await ask(buildAnswerPrompt("Explain tides."))).choices[0].message.content ?? "";
    expect(checkCopiedPrompt(answer).failed).toBe(false);
    expect(sim.stats().faults.leaked_label).toBe(2);
  });

  it("equal_verdict → the judge says Equal, for judge requests only", async () => {
    const { ask, sim } = await start(always("equal_verdict"));
    const verdict = (await ask(buildJudgePrompt("Explain tides.", "Explain tides and their causes."))).choices[0]
      .message.content;
    expect(checkNoInformationGain(verdict ?? null).failed).toBe(true);
    expect((await ask("Explain tides.")).choices[0].message.content).not.toBe("Equal");
    expect(sim.stats().faults.equal_verdict).toBe(1);
  });

  it("copied_instruction → the evolve reply is the given instruction, changed only in case and spacing", async () => {
    const { ask, sim } = await start(always("copied_instruction"));
    const reply = (await ask(buildEvolvePrompt("deepen", "Explain tides to a child."))).choices[0].message.content;
    const parsed = parseEvolvedInstruction(reply ?? "");
    expect(parsed).toMatchObject({ ok: true });
    if (parsed.ok) {
      expect(parsed.instruction).not.toBe("Explain tides to a child.");
      expect(normalizeForDuplicates(parsed.instruction)).toBe("explain tides to a child.");
    }
    expect((await ask(buildAnswerPrompt("Explain tides."))).choices[0].message.content).toMatch(/^Here is/);
    expect(sim.stats().faults.copied_instruction).toBe(1);
  });
});

describe("fault draws", () => {
  it("a retried identical request can succeed, and the sequence repeats for the same seed", async () => {
    const outcomes = async () => {
      const { ask } = await start({ seed: "retry", faults: { rate_limit: 0.5 } });
      const seen: string[] = [];
      for (let i = 0; i < 24; i++)
        seen.push(
          await ask("Same body every time").then(
            () => "ok",
            () => "429",
          ),
        );
      await sim?.close();
      return seen;
    };
    const first = await outcomes();
    expect(first).toContain("ok");
    expect(first).toContain("429");
    expect(await outcomes()).toEqual(first);
  });

  it("fires each fault at roughly its probability", async () => {
    const { ask, sim } = await start({ seed: "rates", faults: { rate_limit: 0.2, empty_reply: 0.1 } });
    const n = 400;
    await Promise.all(Array.from({ length: n }, (_, i) => ask(`prompt ${i}`).catch(() => null)));
    const { faults } = sim.stats();
    expect(faults.rate_limit / n).toBeGreaterThan(0.14);
    expect(faults.rate_limit / n).toBeLessThan(0.26);
    expect(faults.empty_reply / n).toBeGreaterThan(0.05);
    expect(faults.empty_reply / n).toBeLessThan(0.15);
  });

  it("rejects impossible probabilities", async () => {
    await expect(createSimulator({ faults: { timeout: 1.5 } })).rejects.toThrow(/timeout/);
  });
});
