import { describe, expect, it } from "vitest";
import {
  ACCOUNT_MAX_FAILURES,
  ACCOUNT_WINDOW_SECONDS,
  pairLockMinutes,
  PAIR_FREE_FAILURES,
  signInRefusal,
  type SignInLimitState,
} from "./sign-in-limits";

const now = new Date("2026-12-01T12:00:00Z");
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const addressLimit = { max: 10, window: 60 };
const clear: SignInLimitState = { pair: null, account: null, address: null, knownAddress: false };

describe("signInRefusal", () => {
  it("lets an attempt through when nothing reached its limit", () => {
    expect(signInRefusal(clear, addressLimit, now)).toBeNull();
    const below = { failures: 9, windowStart: secondsAgo(10), lockedUntil: null };
    expect(signInRefusal({ ...clear, address: below, account: below }, addressLimit, now)).toBeNull();
  });

  it("refuses a locked pair even from a known address, saying how long to wait", () => {
    const pair = { failures: 5, windowStart: secondsAgo(30), lockedUntil: new Date(now.getTime() + 90_000) };
    expect(signInRefusal({ ...clear, pair, knownAddress: true }, addressLimit, now)).toEqual({
      reason: "pair",
      retryAfterSeconds: 90,
      message: "Too many attempts for this account from this address; try again in 2 minutes.",
    });
    expect(signInRefusal({ ...clear, pair: { ...pair, lockedUntil: secondsAgo(1) } }, addressLimit, now)).toBeNull();
  });

  it("refuses a full address or account only for addresses the account has not signed in from", () => {
    const full = { failures: 10, windowStart: secondsAgo(15), lockedUntil: null };
    expect(signInRefusal({ ...clear, address: full }, addressLimit, now)).toMatchObject({
      reason: "address",
      retryAfterSeconds: 45,
      message: "Too many failed sign-ins from this address; try again in 45 seconds.",
    });
    const account = { failures: ACCOUNT_MAX_FAILURES, windowStart: secondsAgo(600), lockedUntil: null };
    expect(signInRefusal({ ...clear, account }, addressLimit, now)).toMatchObject({
      reason: "account",
      retryAfterSeconds: ACCOUNT_WINDOW_SECONDS - 600,
    });
    expect(signInRefusal({ ...clear, address: full, account, knownAddress: true }, addressLimit, now)).toBeNull();
  });

  it("forgets a full count once its window is over", () => {
    const old = { failures: 50, windowStart: secondsAgo(61), lockedUntil: null };
    expect(signInRefusal({ ...clear, address: old }, addressLimit, now)).toBeNull();
    const oldAccount = { ...old, windowStart: secondsAgo(ACCOUNT_WINDOW_SECONDS) };
    expect(signInRefusal({ ...clear, account: oldAccount }, addressLimit, now)).toBeNull();
  });
});

describe("pairLockMinutes", () => {
  it("locks from the fifth failure in a row, doubling up to a quarter of an hour", () => {
    expect(PAIR_FREE_FAILURES).toBe(5);
    expect([1, 4, 5, 6, 7, 8, 9, 10, 30].map(pairLockMinutes)).toEqual([0, 0, 1, 2, 4, 8, 15, 15, 15]);
  });
});
