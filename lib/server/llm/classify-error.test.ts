import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { classifyLlmError, parseRetryAfter, retryDelayMs } from "./classify-error";

const apiError = (status: number, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(status, { message: `status ${status}` }, undefined, new Headers(headers));

describe("classifyLlmError", () => {
  it("retries rate limits with the server's Retry-After", () => {
    expect(classifyLlmError(apiError(429, { "retry-after": "7" }))).toMatchObject({
      kind: "rate_limit",
      retryable: true,
      retryAfterMs: 7000,
      status: 429,
    });
  });
  it.each([500, 502, 503, 504])("retries server errors (%i)", (status) => {
    expect(classifyLlmError(apiError(status))).toMatchObject({ kind: "server_error", retryable: true });
  });
  it("retries timeouts and lost connections", () => {
    expect(classifyLlmError(new OpenAI.APIConnectionTimeoutError())).toMatchObject({
      kind: "timeout",
      retryable: true,
    });
    expect(classifyLlmError(new OpenAI.APIConnectionError({ message: "socket hang up" }))).toMatchObject({
      kind: "connection",
      retryable: true,
    });
  });
  it.each([
    [400, "bad_request"],
    [401, "auth"],
    [403, "auth"],
    [404, "not_found"],
    [422, "bad_request"],
  ])("gives up on %i (%s)", (status, kind) => {
    expect(classifyLlmError(apiError(status))).toMatchObject({ kind, retryable: false });
  });
  it("gives up on anything else", () => {
    expect(classifyLlmError(new TypeError("boom"))).toMatchObject({
      kind: "unknown",
      retryable: false,
      message: "boom",
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads retry-after-ms, delta seconds and HTTP dates", () => {
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "2" }))).toBe(2000);
    const now = Date.parse("2026-11-24T10:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "Tue, 24 Nov 2026 10:00:05 GMT" }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }))).toBeNull();
    expect(parseRetryAfter(new Headers())).toBeNull();
  });
});

describe("retryDelayMs", () => {
  it("waits what the server asked, capped at two minutes", () => {
    expect(retryDelayMs(1, 3000)).toBe(3000);
    expect(retryDelayMs(1, 10 * 60_000)).toBe(120_000);
  });
  it("backs off exponentially with jitter between 0.5× and 1.5×, capped at 30 s", () => {
    expect(retryDelayMs(1, null, () => 0)).toBe(250);
    expect(retryDelayMs(1, null, () => 0.999)).toBe(750);
    expect(retryDelayMs(3, null, () => 0.5)).toBe(2000);
    expect(retryDelayMs(20, null, () => 0.5)).toBe(30_000);
  });
});
