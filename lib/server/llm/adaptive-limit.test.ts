import { describe, expect, it } from "vitest";
import { AdaptiveLimit, readRateLimitHint } from "./adaptive-limit";

/** Runs `calls` requests against a server taking `capacity` at once, `limit.limit` sent per round trip. */
function simulate(limit: AdaptiveLimit, capacity: number, rounds: number) {
  let ok = 0;
  let refused = 0;
  for (let round = 0; round < rounds; round++) {
    const sent = Array.from({ length: limit.limit }, () => limit.send());
    sent.forEach((sequence, i) => {
      if (i < capacity) {
        ok++;
        limit.succeeded(Math.min(sent.length, capacity));
      } else {
        refused++;
        limit.rateLimited(sequence);
      }
    });
  }
  return { ok, refused };
}

describe("AdaptiveLimit", () => {
  it("starts at the configured ceiling and never grows past it", () => {
    const limit = new AdaptiveLimit({ max: 8 });
    expect(limit.limit).toBe(8);
    for (let i = 0; i < 100; i++) limit.succeeded(8);
    expect(limit.limit).toBe(8);
  });

  it("does not grow while fewer requests are in flight than it allows (the limit was not what held them back)", () => {
    const limit = new AdaptiveLimit({ max: 64 });
    const wave = Array.from({ length: 64 }, () => limit.send());
    for (const sequence of wave) limit.rateLimited(sequence);
    expect(limit.limit).toBe(16);
    // A run's tail: a few requests at a time, many answers.
    for (let i = 0; i < 1_000; i++) expect(limit.succeeded(1 + (i % 15))).toBeNull();
    expect(limit.limit).toBe(16);
    // Busy again: growth resumes from where the 429s left it.
    for (let i = 0; i < 17; i++) limit.succeeded(16);
    expect(limit.limit).toBe(17);
  });

  it("multiplies by 0.9 on a wave's first 429, one step per further 429, keeping at least a quarter", () => {
    const limit = new AdaptiveLimit({ max: 32 });
    const wave = Array.from({ length: 32 }, () => limit.send());
    expect(limit.rateLimited(wave[8])).toEqual({ limit: 28, max: 32, reason: "rate_limited" });
    expect(limit.rateLimited(wave[9])).toEqual({ limit: 27, max: 32, reason: "rate_limited" });
    for (const sequence of wave.slice(10)) limit.rateLimited(sequence);
    expect(limit.limit).toBe(8);
    // A 429 for a request sent after the wave began is new evidence: a new wave.
    limit.rateLimited(limit.send());
    expect(limit.limit).toBe(7);
  });

  it("never goes below its minimum", () => {
    const limit = new AdaptiveLimit({ max: 2 });
    for (let i = 0; i < 10; i++) limit.rateLimited(limit.send());
    expect(limit.limit).toBe(1);
  });

  it("grows back about one per round trip, and slowly near the limit that drew the last 429", () => {
    const limit = new AdaptiveLimit({ max: 64 });
    const wave = Array.from({ length: 64 }, () => limit.send());
    for (const sequence of wave) limit.rateLimited(sequence);
    expect(limit.limit).toBe(16);
    // Far from the 429's limit (64): one round trip's successes raise it by one.
    for (let i = 0; i < 17; i++) limit.succeeded(16);
    expect(limit.limit).toBe(17);
    // Next to it: a round trip's successes raise it by a sixteenth.
    while (limit.limit < 63) limit.succeeded(limit.limit);
    for (let i = 0; i < 63 * 8; i++) limit.succeeded(63);
    expect(limit.limit).toBe(63);
    for (let i = 0; i < 63 * 9; i++) limit.succeeded(63);
    expect(limit.limit).toBe(64);
  });

  it("settles at a server's capacity with few 429s, starting from four times it", () => {
    const capacity = 8;
    const limit = new AdaptiveLimit({ max: 4 * capacity });
    const { ok, refused } = simulate(limit, capacity, 400);
    expect(limit.limit).toBeGreaterThanOrEqual(capacity - 1);
    expect(limit.limit).toBeLessThanOrEqual(capacity + 1);
    expect(refused / (ok + refused)).toBeLessThan(0.02);
    expect(ok / (400 * capacity)).toBeGreaterThan(0.9);
  });

  it("caps the limit at what x-ratelimit-remaining-requests leaves, on top of those in flight", () => {
    const limit = new AdaptiveLimit({ max: 32 });
    const change = limit.succeeded(5, { remainingRequests: 1, remainingTokens: null });
    expect(change).toEqual({ limit: 6, max: 32, reason: "server_headers" });
    // While the server says there is room it grows again, slowly (it knows where the edge was).
    for (let i = 0; i < 200; i++) limit.succeeded(limit.limit, { remainingRequests: 26, remainingTokens: null });
    expect(limit.limit).toBeGreaterThan(6);
  });

  it("caps by x-ratelimit-remaining-tokens once it knows what a call uses", () => {
    const limit = new AdaptiveLimit({ max: 32 });
    limit.succeeded(1, undefined, 1_000);
    expect(limit.succeeded(2, { remainingRequests: null, remainingTokens: 3_500 }, 1_000)).toEqual({
      limit: 5,
      max: 32,
      reason: "server_headers",
    });
  });
});

describe("readRateLimitHint", () => {
  it("reads the remaining requests and tokens, ignoring what is missing or not a number", () => {
    const headers = new Headers({ "x-ratelimit-remaining-requests": "12", "x-ratelimit-remaining-tokens": "abc" });
    expect(readRateLimitHint(headers)).toEqual({ remainingRequests: 12, remainingTokens: null });
    expect(readRateLimitHint(new Headers())).toBeUndefined();
    expect(readRateLimitHint(undefined)).toBeUndefined();
  });
});
