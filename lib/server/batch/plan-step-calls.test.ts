import OpenAI from "openai";
import { PAPER_TEXTS } from "@/lib/evolution/builtin-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/evolution/operations";
import { buildEvolvePrompt } from "@/lib/evolution/templates";
import { buildCompletionParams } from "@/lib/server/llm/llm-settings";
import type { StepCallResult } from "@/lib/server/runs/evolve-once";
import type { RunConfig } from "@/lib/server/runs/run-config";
import { createSimulator } from "@/lib/simulator/create-simulator";
import type { Simulator } from "@/lib/simulator/types";
import { planStepCalls, type PlannedCall } from "./plan-step-calls";

let sim: Simulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await createSimulator({ seed: "planner" });
  client = new OpenAI({ baseURL: sim.url, apiKey: "sim", maxRetries: 0 });
});
afterAll(() => sim.close());

const settings = (model: string, maxTokens: number) => ({ model, temperature: 0, topP: 1, maxTokens });
const RULES_ON = { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true };
const config = (scoreDifficulty: boolean): RunConfig => ({
  name: "",
  seedQuery: "",
  seedLimit: null,
  seedCount: 1,
  branching: 1,
  weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as RunConfig["weights"],
  rules: RULES_ON,
  scoreDifficulty,
  endpoint: "simulator",
  endpointLabel: "simulator",
  llm: {
    evolve: settings("sim-evolver", 512),
    answer: settings("sim-answerer", 512),
    judge: settings("sim-judge", 16),
    difficulty: settings("sim-judge", 8),
  },
});

const step = {
  runId: "run-1",
  stepKey: "run-1:parent-1:1:0",
  operation: "deepen" as const,
  parent: { instruction: "Explain how vaccines train the immune system.", input: "" },
};

/** Sends the planned bodies as they are (the Batch API would), storing replies by custom_id. */
async function answer(calls: PlannedCall[], stored: Map<string, StepCallResult>) {
  for (const call of calls) {
    const reply = await client.chat.completions.create(
      call.body as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming,
    );
    stored.set(call.customId, {
      text: reply.choices[0].message.content ?? "",
      promptTokens: reply.usage?.prompt_tokens ?? null,
      completionTokens: reply.usage?.completion_tokens ?? null,
    });
  }
}

describe("planStepCalls", () => {
  it("asks for the evolve call first, with the body the synchronous call sends", async () => {
    const calls = await planStepCalls({ texts: PAPER_TEXTS, ...step, config: config(false), stored: new Map() });
    expect(calls).toEqual([
      {
        role: "evolve",
        customId: "run-1:parent-1:1:0:evolve",
        body: buildCompletionParams(config(false).llm.evolve, buildEvolvePrompt("deepen", step.parent.instruction, "")),
      },
    ]);
  });

  it("then the answer, judge and difficulty calls together, then nothing", async () => {
    const stored = new Map<string, StepCallResult>();
    const phases: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const calls = await planStepCalls({ texts: PAPER_TEXTS, ...step, config: config(true), stored });
      if (calls.length === 0) break;
      phases.push(calls.map((c) => c.role));
      await answer(calls, stored);
    }
    expect(phases).toEqual([["evolve"], ["answer", "judge", "difficulty"]]);
    expect([...stored.keys()].sort()).toEqual(
      ["answer", "difficulty", "evolve", "judge"].map((role) => `${step.stepKey}:${role}`),
    );
  });

  it("leaves out what the run does not ask for", async () => {
    const stored = new Map<string, StepCallResult>();
    await answer(await planStepCalls({ texts: PAPER_TEXTS, ...step, config: config(false), stored }), stored);
    const calls = await planStepCalls({
      texts: PAPER_TEXTS,
      ...step,
      config: { ...config(false), rules: { ...RULES_ON, no_information_gain: false } },
      stored,
    });
    expect(calls.map((c) => c.role)).toEqual(["answer"]);
  });

  it("needs nothing more after an evolve reply that cannot be parsed", async () => {
    const stored = new Map([[`${step.stepKey}:evolve`, { text: "", promptTokens: 1, completionTokens: 0 }]]);
    expect(await planStepCalls({ texts: PAPER_TEXTS, ...step, config: config(true), stored })).toEqual([]);
  });

  it("asks a re-answer (preset instruction) for no evolve call", async () => {
    const preset = { instruction: "Explain antibodies.", input: "", rawReply: "Explain antibodies." };
    const calls = await planStepCalls({
      texts: PAPER_TEXTS,
      ...step,
      config: config(false),
      stored: new Map(),
      preset,
    });
    expect(calls.map((c) => c.role)).toEqual(["answer", "judge"]);
  });
});
