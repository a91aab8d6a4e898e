/**
 * How many requests to one endpoint and model may be in flight, learnt from
 * its answers (AIMD): a success raises the limit by about one per round trip
 * (slowly near the last limit that drew a 429, so probing costs few 429s), but
 * only while the limit is what holds requests back: a success with fewer in
 * flight than the limit says nothing about a higher one (else a run's quiet
 * tail would undo what the 429s taught, and the next busy round pay for it again).
 * The first 429 of a wave (one for a request sent after the last wave began)
 * multiplies it by `decrease`; each further 429 of that wave, refused calls
 * that were already in flight, takes one more off, never below a quarter of the limit
 * the wave started at. x-ratelimit-remaining-* headers cap it at once.
 * Pure: no clock, no I/O.
 */
export interface AdaptiveLimitOptions {
  /** Where it starts, and its ceiling (LLM_CONCURRENCY). */
  max: number;
  min?: number;
  /** Fraction kept after the first 429 of a wave (the multiplicative decrease). */
  decrease?: number;
  /** Fraction one wave of 429s keeps at least (each 429 in it is one request too many, so it may fall far). */
  floor?: number;
  /** How many times slower the limit grows near the ceiling it last hit. */
  cautiousness?: number;
}

export type LimitReason = "start" | "rate_limited" | "raised" | "server_headers";

export interface LimitChange {
  limit: number;
  max: number;
  reason: LimitReason;
}

/** What the server said about its remaining allowance, when it said (x-ratelimit-remaining-*). */
export interface RateLimitHint {
  remainingRequests: number | null;
  remainingTokens: number | null;
}

export class AdaptiveLimit {
  private value: number;
  private readonly min: number;
  private readonly decrease: number;
  private readonly floor: number;
  private readonly cautiousness: number;
  /** Requests are numbered as sent; a 429 for one sent before the current wave began adds no new evidence. */
  private sent = 0;
  private waveStart = -1;
  private waveFloor = 0;
  /** The limit that last drew a 429 (null once grown past it without one). */
  private ceiling: number | null = null;
  private tokensPerCall: number | null = null;

  constructor(readonly options: AdaptiveLimitOptions) {
    this.min = Math.max(1, options.min ?? 1);
    this.value = Math.max(this.min, options.max);
    this.decrease = options.decrease ?? 0.9;
    this.floor = options.floor ?? 0.25;
    this.cautiousness = options.cautiousness ?? 16;
  }

  /** Whole requests allowed in flight now. */
  get limit(): number {
    return Math.floor(this.value);
  }

  get max(): number {
    return this.options.max;
  }

  /** Numbers a request as it is sent; pass the number back with its outcome. */
  send(): number {
    return this.sent++;
  }

  /** A 429: down, not below the wave's floor. Returns the change when the whole limit moved. */
  rateLimited(sequence: number): LimitChange | null {
    const before = this.limit;
    if (sequence >= this.waveStart) {
      this.waveStart = this.sent;
      this.waveFloor = Math.max(this.min, Math.floor(this.value * this.floor));
      this.ceiling = before;
      this.value = Math.max(this.waveFloor, Math.min(this.value * this.decrease, before - 1));
    } else {
      this.value = Math.max(this.waveFloor, Math.min(this.value, before) - 1);
    }
    return this.changed(before, "rate_limited");
  }

  /** An answer with `inFlight` requests out (this one included): grow if the limit was full, unless the server's remaining allowance says otherwise. */
  succeeded(inFlight: number, hint?: RateLimitHint, tokensUsed?: number | null): LimitChange | null {
    const before = this.limit;
    if (tokensUsed && tokensUsed > 0)
      this.tokensPerCall = this.tokensPerCall === null ? tokensUsed : this.tokensPerCall * 0.9 + tokensUsed * 0.1;
    const cap = this.headerCap(inFlight, hint);
    if (cap !== null && cap < this.value) {
      this.value = Math.max(this.min, cap);
      this.ceiling = cap + 1;
      return this.changed(before, "server_headers");
    }
    if (inFlight < this.limit) return null;
    const near = this.ceiling !== null && this.value >= this.ceiling - 1;
    if (this.ceiling !== null && this.value > this.ceiling + 1) this.ceiling = null;
    const step = 1 / (this.value * (near ? this.cautiousness : 1));
    this.value = Math.min(this.options.max, cap ?? Infinity, this.value + step);
    return this.changed(before, "raised");
  }

  /** How many requests may be in flight by the server's word: ours in flight plus what it says is left. */
  private headerCap(inFlight: number, hint?: RateLimitHint): number | null {
    if (!hint) return null;
    let cap: number | null = null;
    if (hint.remainingRequests !== null) cap = inFlight + hint.remainingRequests;
    if (hint.remainingTokens !== null && this.tokensPerCall) {
      const byTokens = inFlight + Math.floor(hint.remainingTokens / this.tokensPerCall);
      cap = cap === null ? byTokens : Math.min(cap, byTokens);
    }
    return cap;
  }

  private changed(before: number, reason: LimitReason): LimitChange | null {
    return this.limit === before ? null : { limit: this.limit, max: this.max, reason };
  }
}

/** Reads x-ratelimit-remaining-requests / -tokens; null for each the server did not send. */
export function readRateLimitHint(headers: Headers | undefined): RateLimitHint | undefined {
  if (!headers) return undefined;
  const read = (name: string) => {
    const raw = headers.get(name);
    const value = raw === null || raw.trim() === "" ? NaN : Number(raw);
    return Number.isFinite(value) && value >= 0 ? value : null;
  };
  const hint = {
    remainingRequests: read("x-ratelimit-remaining-requests"),
    remainingTokens: read("x-ratelimit-remaining-tokens"),
  };
  return hint.remainingRequests === null && hint.remainingTokens === null ? undefined : hint;
}
