import { hostname } from "node:os";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import type { LlmEndpoint } from "./endpoints";
import { EndpointGate, type GateChange } from "./endpoint-gate";

const WORKER = `${hostname()}:${process.pid}`;

const globalForGates = globalThis as unknown as { evolEndpointGates?: Map<string, EndpointGate> };

/** This process's breaker for an endpoint (by base URL: one server, whatever the model or key). */
export function gateFor(endpoint: LlmEndpoint): EndpointGate {
  globalForGates.evolEndpointGates ??= new Map();
  let gate = globalForGates.evolEndpointGates.get(endpoint.baseURL);
  if (!gate) {
    const env = getEnv();
    gate = new EndpointGate(
      endpoint.baseURL,
      {
        threshold: env.LLM_BREAKER_FAILURES,
        probeDelayMs: Math.min(1_000, env.LLM_BREAKER_MAX_PROBE_MS),
        maxProbeDelayMs: env.LLM_BREAKER_MAX_PROBE_MS,
      },
      outageRecorder(hostOf(endpoint.baseURL)),
    );
    globalForGates.evolEndpointGates.set(endpoint.baseURL, gate);
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
 * Writes a breaker's state to endpoint_outages so the web process can show it:
 * one row per opening, updated when it probes again or a new run's calls are
 * held, closed when the endpoint answers. Writes are queued one after another
 * and a failed write is dropped (the database may be away as well): the next
 * change writes the whole state again.
 */
function outageRecorder(endpoint: string) {
  let id: string | null = null;
  let written = new Set<string>();
  let queue = Promise.resolve();
  const log = (message: string) => console.log(`[llm ${endpoint}] ${message}`);
  return ({ event, snapshot }: GateChange) => {
    if (event.kind === "held-by-new-run" && (id === null || Object.keys(snapshot.held).every((r) => written.has(r))))
      return;
    if (event.kind === "opened") {
      id = uuid7();
      log(`endpoint not answering: calls are held until it does (probing with backoff)`);
    }
    if (event.kind === "closed") log(`endpoint answers again: held calls go out`);
    const rowId = id;
    if (rowId === null) return;
    if (event.kind === "closed") id = null;
    written = new Set(Object.keys(snapshot.held));
    const now = new Date();
    const write = async () => {
      const prisma = getPrisma();
      if (event.kind === "closed") {
        await prisma.endpointOutage.updateMany({ where: { id: rowId }, data: { closedAt: now, checkedAt: now } });
        return;
      }
      // Old closed rows go when a new outage starts: the table stays a handful of rows.
      if (event.kind === "opened")
        await prisma.endpointOutage.deleteMany({
          where: { closedAt: { lt: new Date(now.getTime() - 30 * 86_400_000) } },
        });
      const data = { checkedAt: now, held: snapshot.held };
      await prisma.endpointOutage.upsert({
        where: { id: rowId },
        create: { id: rowId, endpoint, worker: WORKER, openedAt: new Date(snapshot.openedAt ?? Date.now()), ...data },
        update: data,
      });
    };
    queue = queue.then(write).catch(() => {});
  };
}

/** How long an open row counts without a fresh probe: beyond this its worker is presumed gone. */
export const OUTAGE_FRESH_SECONDS = 600;

/** The oldest open outage holding this run's calls, with how many calls are held; null when none. */
export async function getRunEndpointWait(runId: string): Promise<{ since: string; heldCalls: number } | null> {
  const [row] = await getPrisma().$queryRaw<{ since: Date | null; held: bigint | null }[]>`
    SELECT min(opened_at) AS since, sum((held ->> ${runId})::int) AS held FROM endpoint_outages
    WHERE closed_at IS NULL AND (held -> ${runId}) IS NOT NULL AND checked_at > now() - make_interval(secs => ${OUTAGE_FRESH_SECONDS})`;
  if (!row?.since) return null;
  return { since: row.since.toISOString(), heldCalls: Number(row.held ?? 0) };
}
