import OpenAI from "openai";

export type LlmErrorKind =
  "rate_limit" | "server_error" | "timeout" | "connection" | "bad_request" | "auth" | "not_found" | "unknown";

export interface ClassifiedError {
  kind: LlmErrorKind;
  retryable: boolean;
  /** What the server asked us to wait (Retry-After), when it said. */
  retryAfterMs: number | null;
  status: number | null;
  message: string;
}

/** Sorts an error from the openai client into retry-or-give-up, with the server's requested wait. */
export function classifyLlmError(error: unknown): ClassifiedError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return { kind: "timeout", retryable: true, retryAfterMs: null, status: null, message };
  if (error instanceof OpenAI.APIConnectionError)
    return { kind: "connection", retryable: true, retryAfterMs: null, status: null, message };
  if (error instanceof OpenAI.APIError && typeof error.status === "number") {
    const status = error.status;
    const classified = classifyStatus(status);
    const retryAfterMs = classified.retryable ? parseRetryAfter(error.headers) : null;
    return { ...classified, retryAfterMs, status, message };
  }
  return { kind: "unknown", retryable: false, retryAfterMs: null, status: null, message };
}

/** What an HTTP status says about a call: shared by live calls and Batch API result lines. */
export function classifyStatus(status: number): { kind: LlmErrorKind; retryable: boolean } {
  if (status === 429) return { kind: "rate_limit", retryable: true };
  if (status === 408 || status === 409 || status >= 500)
    return { kind: status >= 500 ? "server_error" : "timeout", retryable: true };
  if (status === 401 || status === 403) return { kind: "auth", retryable: false };
  if (status === 404) return { kind: "not_found", retryable: false };
  return { kind: "bad_request", retryable: false };
}

/** Retry-After as milliseconds: `retry-after-ms`, delta seconds, or an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get("retry-after");
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with jitter, or the server's Retry-After when it gave one (capped). */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, random = Math.random): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, 120_000);
  const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return Math.round(base * (0.5 + random()));
}
