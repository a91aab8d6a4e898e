import { z } from "zod";
import { getEnv, type Env } from "@/lib/server/config/env";

export const endpointKindSchema = z.enum(["openai", "simulator"]);
export type EndpointKind = z.infer<typeof endpointKindSchema>;

export interface LlmEndpoint {
  kind: EndpointKind;
  baseURL: string;
  apiKey: string;
  /** What the UI may show: never the key. */
  label: string;
}

/** Whether an OpenAI-compatible endpoint is configured (a key, or a base URL for keyless local servers). */
export function isRealEndpointConfigured(env: Env = getEnv()): boolean {
  return Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
}

export function describeRealEndpoint(env: Env = getEnv()): string | null {
  if (!isRealEndpointConfigured(env)) return null;
  return new URL(env.OPENAI_BASE_URL ?? OPENAI_BASE_URL).host;
}

/** OpenAI's own API, used when only OPENAI_API_KEY is set. */
const OPENAI_BASE_URL = "https://api.openai.com/v1";

const SIMULATOR_LABEL = "Simulator (not a real model)";

/** What a run will talk to, checked without connecting or starting anything. */
export function endpointLabel(kind: EndpointKind, env: Env = getEnv()): string {
  if (kind === "simulator") return SIMULATOR_LABEL;
  const label = describeRealEndpoint(env);
  if (!label)
    throw new Error("No LLM endpoint is configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for other servers).");
  return label;
}

type Simulator = { url: string; close: () => Promise<void> };
const globalForSimulator = globalThis as unknown as { evolSimulator?: Promise<Simulator> };

/**
 * The endpoint a run talks to. The simulator is SIMULATOR_URL when set (an
 * `npm run simulator` process), otherwise one started inside this process.
 */
export async function resolveEndpoint(kind: EndpointKind, env: Env = getEnv()): Promise<LlmEndpoint> {
  const label = endpointLabel(kind, env);
  if (kind === "openai") {
    return {
      kind,
      baseURL: env.OPENAI_BASE_URL ?? OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY ?? "not-needed",
      label,
    };
  }
  if (env.SIMULATOR_URL) return { kind, baseURL: env.SIMULATOR_URL, apiKey: "simulator", label };
  globalForSimulator.evolSimulator ??= import("@/lib/simulator/create-simulator").then(({ createSimulator }) =>
    createSimulator({
      latencyMs: env.SIMULATOR_LATENCY_MS,
      batchDelayMs: env.SIMULATOR_BATCH_DELAY_MS,
      jitter: 0.5,
      seed: "evol-studio",
    }),
  );
  const simulator = await globalForSimulator.evolSimulator;
  return { kind, baseURL: simulator.url, apiKey: "simulator", label };
}

export async function stopInProcessSimulator(): Promise<void> {
  const simulator = await globalForSimulator.evolSimulator;
  globalForSimulator.evolSimulator = undefined;
  await simulator?.close();
}
