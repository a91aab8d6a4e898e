import OpenAI from "openai";
import type { LlmEndpoint } from "@/lib/server/llm/endpoints";

// Uploads of up to 200 MB and file downloads outlast a chat call's LLM_TIMEOUT_MS.
const BATCH_TIMEOUT_MS = 10 * 60_000;

const globalForBatch = globalThis as unknown as { evolBatchClients?: Map<string, OpenAI> };

/** The openai client for an endpoint's Files and Batches calls (one per endpoint and key). */
export function batchClientFor(endpoint: LlmEndpoint): OpenAI {
  globalForBatch.evolBatchClients ??= new Map();
  const key = `${endpoint.baseURL}|${endpoint.apiKey}`;
  let client = globalForBatch.evolBatchClients.get(key);
  if (!client) {
    client = new OpenAI({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, timeout: BATCH_TIMEOUT_MS });
    globalForBatch.evolBatchClients.set(key, client);
  }
  return client;
}
