import type { LlmRole } from "@/lib/generated/prisma/client";
import { directSql } from "@/lib/server/db/direct-sql";
import { getPrisma } from "@/lib/server/db/prisma";
import { reportDatabaseError } from "@/lib/server/db/database-health";
import { uuid7 } from "@/lib/server/db/uuid7";

/** One successful call's row of llm_calls. */
export interface OkCallRow {
  runId: string | null;
  nodeId: string | null;
  role: LlmRole;
  model: string;
  requestKey: string | null;
  attempt: number;
  reply: string;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number;
}

/** The result stored first under a request key, when another writer's stood (this row was not inserted). */
export interface StoredReply {
  reply: string;
  promptTokens: number | null;
  completionTokens: number | null;
}

interface Pending {
  row: OkCallRow;
  resolve: (stored: StoredReply | null) => void;
  reject: (error: unknown) => void;
}

// Rows per INSERT; a busy worker rarely gathers more than a few dozen between two statements.
const MAX_BATCH = 200;
const globalForWriter = globalThis as unknown as { evolCallRecords?: { queue: Pending[]; flushing: boolean } };

function state() {
  globalForWriter.evolCallRecords ??= { queue: [], flushing: false };
  return globalForWriter.evolCallRecords;
}

/**
 * Stores a successful call's row and resolves once it is committed, as one
 * INSERT of its own would (decision 0038). Rows that arrive while an INSERT is
 * in flight are written together by the next one ("group commit"): no call
 * waits for a timer, and under load one statement (and one run_call_sums
 * row of the trigger) carries many calls. Resolves to null when this row
 * was stored, or to the result already stored under its request key by
 * another worker, which then stands.
 */
export function recordOkCall(row: OkCallRow): Promise<StoredReply | null> {
  return new Promise((resolve, reject) => {
    const s = state();
    s.queue.push({ row, resolve, reject });
    if (!s.flushing) void flush();
  });
}

async function flush(): Promise<void> {
  const s = state();
  s.flushing = true;
  try {
    while (s.queue.length > 0) {
      const batch = s.queue.splice(0, MAX_BATCH);
      try {
        settle(batch, await insertRows(batch.map((p) => p.row)));
      } catch (error) {
        // The database away: every caller waits for it and tries again (withDatabaseRetry). Anything else (a run
        // deleted meanwhile, say) is one row's problem: each row is written alone, so no other reply is lost.
        if (batch.length === 1 || reportDatabaseError(error)) batch.forEach((p) => p.reject(error));
        else await Promise.all(batch.map((p) => insertRows([p.row]).then((r) => settle([p], r), p.reject)));
      }
    }
  } finally {
    s.flushing = false;
  }
}

function settle(batch: Pending[], written: { inserted: Set<string>; stored: Map<string, StoredReply> }) {
  const seen = new Set<string>();
  for (const p of batch) {
    const key = p.row.requestKey;
    // The first row of a key in the batch is the one inserted, unless another writer's stood before it.
    const mine = key === null || (!seen.has(key) && written.inserted.has(key));
    if (key) seen.add(key);
    p.resolve(mine ? null : (written.stored.get(key) ?? null));
  }
}

/** Inserts the rows; returns the keys inserted now, and the stored results of the others. */
async function insertRows(rows: OkCallRow[]): Promise<{ inserted: Set<string>; stored: Map<string, StoredReply> }> {
  // Sent through pg, not Prisma's client, as the rest of the step path (decision 0042).
  const inserted = await directSql().$queryRaw<{ request_key: string | null }[]>`
    INSERT INTO llm_calls (id, run_id, node_id, request_key, role, model, attempt, outcome, reply, prompt_tokens,
                           completion_tokens, latency_ms)
    SELECT t.id, t.run_id, t.node_id, t.request_key, t.role::"LlmRole", t.model, t.attempt, 'ok', t.reply,
           t.prompt_tokens, t.completion_tokens, t.latency_ms
    FROM unnest(${rows.map(() => uuid7())}::uuid[], ${rows.map((r) => r.runId)}::uuid[], ${rows.map((r) => r.nodeId)}::uuid[],
                ${rows.map((r) => r.requestKey)}::text[], ${rows.map((r) => r.role)}::text[], ${rows.map((r) => r.model)}::text[],
                ${rows.map((r) => r.attempt)}::int[], ${rows.map((r) => r.reply)}::text[], ${rows.map((r) => r.promptTokens)}::int[],
                ${rows.map((r) => r.completionTokens)}::int[], ${rows.map((r) => r.latencyMs)}::int[])
      AS t(id, run_id, node_id, request_key, role, model, attempt, reply, prompt_tokens, completion_tokens, latency_ms)
    ON CONFLICT (request_key) DO NOTHING
    RETURNING request_key`;
  const stored = new Map<string, StoredReply>();
  const keys = new Set(inserted.flatMap((r) => (r.request_key === null ? [] : [r.request_key])));
  const result = { inserted: keys, stored };
  if (inserted.length === rows.length) return result;
  // A key that came twice in one batch was inserted once: its later rows take the stored one, as another worker's.
  const pending = new Set(keys);
  const taken: string[] = [];
  for (const r of rows) {
    if (!r.requestKey) continue;
    if (pending.has(r.requestKey)) pending.delete(r.requestKey);
    else taken.push(r.requestKey);
  }
  if (taken.length === 0) return result;
  const first = await getPrisma().llmCall.findMany({
    where: { requestKey: { in: taken } },
    select: { requestKey: true, reply: true, promptTokens: true, completionTokens: true },
  });
  for (const r of first)
    if (r.requestKey)
      stored.set(r.requestKey, {
        reply: r.reply ?? "",
        promptTokens: r.promptTokens,
        completionTokens: r.completionTokens,
      });
  return result;
}
