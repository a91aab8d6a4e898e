import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildDifficultyPrompt, buildEvolvePrompt } from "@/lib/evolution/templates";
import { createSimulator } from "@/lib/simulator/create-simulator";
import type { Simulator } from "@/lib/simulator/types";
import { parseBatchResults } from "./parse-results";
import { BATCH_ENDPOINT, splitIntoFiles } from "./request-lines";

let sim: Simulator;
let client: OpenAI;

beforeAll(async () => {
  sim = await createSimulator({ seed: "round-trip", batchFailingLines: 0.3 });
  client = new OpenAI({ baseURL: sim.url, apiKey: "sim", maxRetries: 0 });
});
afterAll(() => sim.close());

it("files split by our limits come back from the Batch API as one result per request", async () => {
  const requests = Array.from({ length: 9 }, (_, i) => ({
    customId: `run:p${i}:1:0:${i % 2 ? "evolve" : "difficulty"}`,
    body: {
      model: "sim-evolver",
      messages: [
        {
          role: "user",
          content: i % 2 ? buildEvolvePrompt("deepen", `Explain topic ${i}.`) : buildDifficultyPrompt(`Task ${i}`),
        },
      ],
      max_tokens: 64,
    },
  }));
  const files = splitIntoFiles(requests, { maxRequests: 4, maxBytes: 1e9 });
  expect(files).toHaveLength(3);
  const results = new Map();
  for (const file of files) {
    const uploaded = await client.files.create({ file: new File([file.content], "in.jsonl"), purpose: "batch" });
    const batch = await client.batches.create({
      input_file_id: uploaded.id,
      endpoint: BATCH_ENDPOINT,
      completion_window: "24h",
    });
    const done = await client.batches.retrieve(batch.id);
    for (const id of [done.output_file_id, done.error_file_id]) {
      if (!id) continue;
      for (const [key, result] of parseBatchResults(await (await client.files.content(id)).text()))
        results.set(key, result);
    }
  }
  expect([...results.keys()].sort()).toEqual(requests.map((r) => r.customId).sort());
  const values = [...results.values()];
  expect(values.some((r) => r.ok)).toBe(true);
  expect(values.some((r) => !r.ok && r.status === 500)).toBe(true);
  for (const result of values.filter((r) => r.ok)) expect(result.text.length).toBeGreaterThan(0);
});
