import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { evaluateRules } from "@/lib/evolution/eliminator";
import { OPERATIONS } from "@/lib/evolution/operations";
import { parseDifficulty, parseEvolvedInstruction, parseJudgeVerdict } from "@/lib/evolution/parse-reply";
import {
  buildAnswerPrompt,
  buildDifficultyPrompt,
  buildEvolvePrompt,
  buildJudgePrompt,
} from "@/lib/evolution/templates";
import { createSimulator } from "./create-simulator";
import type { Simulator } from "./types";

let sim: Simulator;
let client: OpenAI;
const ALL_ON = { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true, duplicate: true };

beforeAll(async () => {
  sim = await createSimulator({ seed: "replies" });
  client = new OpenAI({ baseURL: sim.url, apiKey: "sim", maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.resetStats());

async function ask(prompt: string, model = "sim-evolver"): Promise<string> {
  const completion = await client.chat.completions.create({ model, messages: [{ role: "user", content: prompt }] });
  return completion.choices[0].message.content ?? "";
}

describe("simulator replies through the openai client", () => {
  it.each(OPERATIONS)("evolve (%s) → a parseable, different instruction the judge calls Not Equal", async (op) => {
    const original = "Explain why the sky is blue to a curious child.";
    const parsed = parseEvolvedInstruction(
      await ask(buildEvolvePrompt(op, original, op === "complicate_input" ? "age: 7" : "")),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.instruction).not.toBe(original);
    const verdict = await ask(buildJudgePrompt(original, parsed.instruction), "sim-judge");
    expect(parseJudgeVerdict(verdict).verdict).toBe("not_equal");
    const answer = await ask(buildAnswerPrompt(parsed.instruction), "sim-answerer");
    expect(
      evaluateRules({ instruction: parsed.instruction, answer, judgeReply: verdict, enabled: ALL_ON }),
    ).toMatchObject({ passed: true });
  });

  it("the judge says Equal for an unchanged instruction", async () => {
    expect(parseJudgeVerdict(await ask(buildJudgePrompt("Same text.", "Same text."))).verdict).toBe("equal");
  });

  it("difficulty replies with a number from 1 to 10", async () => {
    const rating = parseDifficulty(await ask(buildDifficultyPrompt("Prove that there are infinitely many primes.")));
    expect(rating).toBeGreaterThanOrEqual(1);
    expect(rating).toBeLessThanOrEqual(10);
  });

  it("answers an identical request identically and counts it twice by body", async () => {
    const prompt = buildAnswerPrompt("List three uses of copper.", "industrial");
    const first = await ask(prompt);
    expect(await ask(prompt)).toBe(first);
    await ask(prompt, "other-model");
    const stats = sim.stats();
    expect(Object.values(stats.byBodyHash).sort()).toEqual([1, 2]);
    expect(stats.byKind).toEqual({ evolve: 0, answer: 3, judge: 0, difficulty: 0, optimize: 0 });
    expect(stats).toMatchObject({ requests: 3, completed: 3, inFlight: 0 });
  });

  it("returns the OpenAI completion shape, echoes the model and accepts max_completion_tokens", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Explain tides." },
      ],
      max_completion_tokens: 256,
      temperature: 1,
      top_p: 0.9,
    });
    expect(completion).toMatchObject({ object: "chat.completion", model: "gpt-4o-mini" });
    expect(completion.choices[0]).toMatchObject({ finish_reason: "stop", message: { role: "assistant" } });
    const usage = completion.usage;
    expect(usage?.completion_tokens).toBe(Math.ceil((completion.choices[0].message.content ?? "").length / 4));
    expect(usage?.prompt_tokens).toBe(Math.ceil("Be brief.Explain tides.".length / 4));
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
    const legacy = await client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 20,
    });
    expect(legacy.choices[0].message.content).toMatch(/Hi/);
  });

  it("lists its models", async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["sim-evolver", "sim-answerer", "sim-judge", "sim-optimizer"]);
  });
});
