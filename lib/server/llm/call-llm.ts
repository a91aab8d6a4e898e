import OpenAI from "openai";
import pLimit from "p-limit";
import type { LlmRole } from "@/lib/generated/prisma/client";
import { getEnv, type Env } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import {
  DatabaseWasAwayError,
  isDatabaseDown,
  reportDatabaseError,
  waitForDatabase,
  withDatabaseRetry,
} from "@/lib/server/db/database-health";
import { createBufferedFetch } from "./buffered-fetch";
import { recordOkCall } from "./call-record-writer";
import { isOutageKind } from "./circuit-breaker";
import { readRateLimitHint } from "./adaptive-limit";
import { classifyLlmError, retryDelayMs, type ClassifiedError } from "./classify-error";
import { concurrencyGateFor } from "./concurrency-limits";
import { gateFor } from "./endpoint-outages";
import type { LlmEndpoint } from "./endpoints";
import type { LlmBudget } from "./llm-budget";
import { buildCompletionParams, modelSettingsFor, type RoleSettings } from "./llm-settings";

export interface LlmCallResult {
  text: string;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number;
  /** True when the result was already stored under this request key: nothing was paid. */
  reused: boolean;
  attempts: number;
}

/** A stored successful call, as callLlm reuses it. */
export interface StoredCall {
  reply: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number;
}

export class LlmCallFailedError extends Error {
  constructor(
    readonly failure: ClassifiedError,
    readonly attempts: number,
    readonly role: LlmRole,
  ) {
    super(`${role} call failed, ${failure.kind} after ${attempts} attempt(s): ${failure.message}`);
  }
}

// One limit per process, shared by every run: the number of LLM requests in
// flight. Inside it each endpoint and model has its own adaptive limit
// (concurrency-limits.ts). Backoff waits happen outside both so a throttled call blocks no one.
const globalForLlm = globalThis as unknown as {
  evolLlmLimit?: ReturnType<typeof pLimit>;
  evolLlmClients?: Map<string, OpenAI>;
};
function limiter(env: Env) {
  globalForLlm.evolLlmLimit ??= pLimit(env.LLM_CONCURRENCY);
  return globalForLlm.evolLlmLimit;
}

function clientFor(endpoint: LlmEndpoint, env: Env): OpenAI {
  globalForLlm.evolLlmClients ??= new Map();
  const key = `${endpoint.baseURL}|${endpoint.apiKey}`;
  let client = globalForLlm.evolLlmClients.get(key);
  if (!client) {
    client = new OpenAI({
      baseURL: endpoint.baseURL,
      apiKey: endpoint.apiKey,
      maxRetries: 0,
      timeout: env.LLM_TIMEOUT_MS,
      // Replies read whole over a keep-alive pool, without fetch's web streams: ~40 % less client CPU per call (0043).
      fetch: createBufferedFetch({ connections: env.LLM_CONCURRENCY }),
    });
    globalForLlm.evolLlmClients.set(key, client);
  }
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown inside the limiter when the breaker opened while a call queued for a slot: it was not sent. */
const HELD = Symbol("held by the breaker");

/** 429s forgiven to one call while the adaptive limit probes (a bound, so a call cannot retry forever). */
const MAX_FORGIVEN_RATE_LIMITS = 50;

/**
 * One chat completion through the configured endpoint: reuses a stored result
 * for the same request key, retries what is retryable (honouring Retry-After),
 * and records every attempt in llm_calls. With a budget (a capped run), the
 * call's worst case is reserved before it is sent and settled to its usage.
 * While the endpoint's breaker is open the call waits (using up no attempt).
 * While the database is away no call is sent, and a reply that came is kept
 * and stored once it is back; then DatabaseWasAwayError hands the step back
 * to the queue (whose heartbeat may have lapsed meanwhile), so that only one
 * runner of the step goes on and no reply is paid twice.
 */
export async function callLlm(options: {
  role: LlmRole;
  settings: RoleSettings;
  prompt: string;
  endpoint: LlmEndpoint;
  requestKey?: string;
  runId?: string;
  nodeId?: string;
  maxAttempts?: number;
  budget?: LlmBudget;
  /** Aborted when the step's job is no longer this worker's: a call held by the breaker then gives up unsent. */
  signal?: AbortSignal;
  /**
   * The results stored under the step's request keys, read by the caller in one statement just before (a step
   * reads its calls' together): then a key not in it is not looked up again. Without it, the key is looked up.
   */
  stored?: ReadonlyMap<string, StoredCall>;
  /** The settings, when the caller has them in hand; otherwise read here, once per call (getEnv costs ~30 µs). */
  env?: Env;
}): Promise<LlmCallResult> {
  if (options.requestKey) {
    const stored = options.stored
      ? options.stored.get(options.requestKey)
      : await getPrisma().llmCall.findUnique({ where: { requestKey: options.requestKey } });
    if (stored?.reply !== null && stored?.reply !== undefined) {
      return {
        text: stored.reply,
        promptTokens: stored.promptTokens,
        completionTokens: stored.completionTokens,
        latencyMs: stored.latencyMs,
        reused: true,
        attempts: 0,
      };
    }
  }
  const base = {
    runId: options.runId ?? null,
    nodeId: options.nodeId ?? null,
    role: options.role,
    model: options.settings.model,
  };
  const hold = options.budget
    ? await options.budget.reserve({
        role: options.role,
        requestKey: options.requestKey ?? "",
        prompt: options.prompt,
        maxTokens: options.settings.maxTokens,
      })
    : null;
  let sent: { result: LlmCallResult; attempt: number };
  try {
    sent = await sendWithRetries({ ...options, env: options.env ?? getEnv(), base });
  } catch (error) {
    // No reply came: the reservation goes back. If that fails too (or the
    // process dies), the step's next attempt settles it (lib/server/runs/run-budget.ts).
    await hold?.release().catch(() => {});
    throw error;
  }
  const stored = await withDatabaseRetry(() =>
    recordSuccess({ ...base, requestKey: options.requestKey ?? null, ...sent }),
  );
  // What this reply used, even when another worker's stored result is returned instead: both were paid.
  const settled = hold ? await withDatabaseRetry(() => hold.settle(sent.result)) : null;
  if (stored.retried || settled?.retried) throw new DatabaseWasAwayError();
  return stored.value;
}

async function sendWithRetries(options: {
  role: LlmRole;
  settings: RoleSettings;
  prompt: string;
  endpoint: LlmEndpoint;
  requestKey?: string;
  maxAttempts?: number;
  signal?: AbortSignal;
  env: Env;
  base: { runId: string | null; nodeId: string | null; role: LlmRole; model: string };
}): Promise<{ result: LlmCallResult; attempt: number }> {
  const { base, env } = options;
  const maxAttempts = options.maxAttempts ?? env.LLM_MAX_ATTEMPTS;
  const model = modelSettingsFor(options.settings.model, env);
  const params = buildCompletionParams(options.settings, options.prompt, model);
  const gate = gateFor(options.endpoint);
  // Attempts used: the call's own failures, and outage failures only while the
  // breaker stays closed (those that tripped it, or came while it was open, are forgiven).
  let ownFailures = 0;
  let outageFailures = 0;
  let generation = gate.breaker.generation;
  const concurrency = concurrencyGateFor(options.endpoint, base.model);
  let forgiven = 0;
  for (let attempt = 1; ; attempt++) {
    if (isDatabaseDown()) {
      await waitForDatabase();
      throw new DatabaseWasAwayError();
    }
    const ticket = await gate.pass(base.runId, options.signal);
    if (ticket.generation !== generation) [generation, outageFailures] = [ticket.generation, 0];
    const started = performance.now();
    let response: OpenAI.Chat.Completions.ChatCompletion;
    const sequence = await concurrency.acquire();
    const limitWhenSent = concurrency.limit.limit;
    try {
      const headers = options.requestKey ? { "x-evol-request-key": options.requestKey } : undefined;
      const { data, response: raw } = await limiter(env)(() => {
        if (!ticket.probe && gate.breaker.state !== "closed") throw HELD;
        return clientFor(options.endpoint, env).chat.completions.create(params, { headers }).withResponse();
      });
      response = data;
      const usage = data.usage;
      concurrency.done(sequence, {
        kind: "ok",
        hint: readRateLimitHint(raw.headers),
        tokens: usage ? usage.prompt_tokens + usage.completion_tokens : null,
      });
    } catch (error) {
      if (error === HELD) {
        concurrency.done(sequence, { kind: "other" });
        attempt--;
        continue;
      }
      const failure = classifyLlmError(error);
      concurrency.done(sequence, { kind: failure.kind === "rate_limit" ? "rate_limited" : "other" });
      const outage = isOutageKind(failure.kind);
      if (outage) gate.failed(ticket.probe);
      else if (failure.status !== null) gate.answered();
      // A probe that failed without reaching the endpoint says nothing about it: the next held call probes.
      else if (ticket.probe) gate.probeNotSent();
      await recordFailedAttempt({ base, attempt, failure, latencyMs: Math.round(performance.now() - started) });
      if (outage && gate.breaker.generation !== generation) {
        [generation, outageFailures] = [gate.breaker.generation, 0];
        continue;
      }
      // A 429 while the adaptive limit allowed more than one call is its probing: it lowered the
      // limit and costs no attempt. At one call in flight the server refuses us outright: that counts.
      if (failure.kind === "rate_limit" && limitWhenSent > 1 && forgiven < MAX_FORGIVEN_RATE_LIMITS) forgiven++;
      else if (outage) outageFailures++;
      else ownFailures++;
      const used = ownFailures + outageFailures;
      if (!failure.retryable || used >= maxAttempts) throw new LlmCallFailedError(failure, attempt, options.role);
      await sleep(retryDelayMs(used, failure.retryAfterMs));
      continue;
    }
    gate.answered();
    const result: LlmCallResult = {
      text: response.choices[0]?.message?.content ?? "",
      promptTokens: response.usage?.prompt_tokens ?? null,
      completionTokens: response.usage?.completion_tokens ?? null,
      latencyMs: Math.round(performance.now() - started),
      reused: false,
      attempts: attempt,
    };
    return { result, attempt };
  }
}

/** An attempt's failure, for the run page and admins; skipped (not waited for) while the database is away. */
async function recordFailedAttempt(options: {
  base: { runId: string | null; nodeId: string | null; role: LlmRole; model: string };
  attempt: number;
  failure: ClassifiedError;
  latencyMs: number;
}) {
  const { failure } = options;
  try {
    await getPrisma().llmCall.create({
      data: {
        ...options.base,
        attempt: options.attempt,
        outcome: "error",
        errorKind: failure.kind,
        errorMessage: failure.message.slice(0, 2000),
        latencyMs: options.latencyMs,
      },
    });
  } catch (error) {
    if (!reportDatabaseError(error)) throw error;
  }
}

async function recordSuccess(options: {
  runId: string | null;
  nodeId: string | null;
  role: LlmRole;
  model: string;
  requestKey: string | null;
  attempt: number;
  result: LlmCallResult;
}): Promise<LlmCallResult> {
  const { result } = options;
  // Written with other calls' rows in one statement (call-record-writer.ts). Should another worker have stored
  // the same step's result first, theirs stands, so every reader of this step sees one answer.
  const stored = await recordOkCall({
    runId: options.runId,
    nodeId: options.nodeId,
    role: options.role,
    model: options.model,
    requestKey: options.requestKey,
    attempt: options.attempt,
    reply: result.text,
    promptTokens: result.promptTokens,
    completionTokens: result.completionTokens,
    latencyMs: result.latencyMs,
  });
  if (!stored) return result;
  return {
    ...result,
    text: stored.reply,
    promptTokens: stored.promptTokens,
    completionTokens: stored.completionTokens,
  };
}
