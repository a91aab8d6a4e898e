import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { AdaptiveLimit, type LimitChange } from "./adaptive-limit";
import { ConcurrencyGate } from "./concurrency-gate";
import type { LlmEndpoint } from "./endpoints";

const globalForLimits = globalThis as unknown as { evolConcurrencyGates?: Map<string, ConcurrencyGate> };

/** How often at most a limit's state is written: it moves with every few calls while it settles. */
const WRITE_EVERY_MS = 2_000;

/** This process's adaptive limit for one endpoint and model, starting at LLM_CONCURRENCY. */
export function concurrencyGateFor(endpoint: LlmEndpoint, model: string): ConcurrencyGate {
  globalForLimits.evolConcurrencyGates ??= new Map();
  const key = `${endpoint.baseURL}\u0000${model}`;
  let gate = globalForLimits.evolConcurrencyGates.get(key);
  if (!gate) {
    const limit = new AdaptiveLimit({ max: getEnv().LLM_CONCURRENCY });
    gate = new ConcurrencyGate(limit, limitRecorder(hostOf(endpoint.baseURL), model));
    globalForLimits.evolConcurrencyGates.set(key, gate);
  }
  return gate;
}

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return "endpoint";
  }
}

/**
 * Writes the limit to llm_concurrency when it changes, at most every
 * WRITE_EVERY_MS (the last state wins). A failed write is dropped: the next
 * change writes the whole state again.
 */
function limitRecorder(endpoint: string, model: string) {
  let latest: LimitChange | null = null;
  let backedOffAt: Date | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastWrite = 0;
  const write = () => {
    timer = null;
    lastWrite = Date.now();
    const change = latest;
    if (!change) return;
    const data = {
      limit: change.limit,
      max: change.max,
      reason: change.reason,
      backedOffAt,
      updatedAt: new Date(),
    };
    getPrisma()
      .llmConcurrency.upsert({
        where: { endpoint_model: { endpoint, model } },
        create: { endpoint, model, ...data },
        update: data,
      })
      .catch(() => {});
  };
  return (change: LimitChange) => {
    latest = change;
    if (change.reason !== "raised") backedOffAt = new Date();
    if (timer) return;
    const wait = Math.max(0, lastWrite + WRITE_EVERY_MS - Date.now());
    timer = setTimeout(write, wait);
    timer.unref();
  };
}

export interface ConcurrencyInUse {
  endpoint: string;
  model: string;
  limit: number;
  max: number;
  reason: string;
  backedOffAt: string | null;
}

/** The limits in use for these models (the run's), most recently changed first. */
export async function getConcurrencyInUse(models: string[]): Promise<ConcurrencyInUse[]> {
  if (models.length === 0) return [];
  const rows = await getPrisma().llmConcurrency.findMany({
    where: { model: { in: models } },
    orderBy: { updatedAt: "desc" },
    take: 10,
  });
  return rows.map((row) => ({
    endpoint: row.endpoint,
    model: row.model,
    limit: row.limit,
    max: row.max,
    reason: row.reason,
    backedOffAt: row.backedOffAt?.toISOString() ?? null,
  }));
}
