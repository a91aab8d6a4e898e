import OpenAI from "openai";
import { afterAll, expect, it } from "vitest";
import { BATCH_ENDPOINT } from "@/lib/batch/request-lines";
import { parseEnv } from "@/lib/server/config/env";
import { resolveEndpoint, stopInProcessSimulator } from "./endpoints";

afterAll(() => stopInProcessSimulator());

it("starts the in-app simulator with SIMULATOR_BATCH_DELAY_MS: its batches are still running before it", async () => {
  const endpoint = await resolveEndpoint("simulator", parseEnv({ SIMULATOR_BATCH_DELAY_MS: "60000" }));
  const client = new OpenAI({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, maxRetries: 0 });
  const line = { custom_id: "k1", method: "POST", url: BATCH_ENDPOINT, body: { model: "sim-judge", messages: [] } };
  const file = await client.files.create({ file: new File([JSON.stringify(line)], "in.jsonl"), purpose: "batch" });
  const batch = await client.batches.create({
    input_file_id: file.id,
    endpoint: BATCH_ENDPOINT,
    completion_window: "24h",
  });
  const seen = await client.batches.retrieve(batch.id);
  expect(seen.status).not.toBe("completed");
  expect(seen.output_file_id ?? null).toBeNull();
});
