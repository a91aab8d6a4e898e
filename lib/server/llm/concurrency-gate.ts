import { AdaptiveLimit, type LimitChange, type RateLimitHint } from "./adaptive-limit";

/**
 * Admits requests up to an AdaptiveLimit's current value; the rest wait in
 * order. Costs a counter per call, and a promise only for calls that wait.
 */
export class ConcurrencyGate {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  constructor(
    readonly limit: AdaptiveLimit,
    private readonly onChange: (change: LimitChange) => void = () => {},
  ) {}

  get active(): number {
    return this.inFlight;
  }

  /** Resolves with the request's sequence number once it may be sent; call `done` exactly once after. */
  async acquire(): Promise<number> {
    if (this.inFlight < this.limit.limit && this.head === this.waiting.length) {
      this.inFlight++;
      return this.limit.send();
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.limit.send();
  }

  /** The request ended: `rate_limited` for a 429, `ok` with the server's hints for an answer, `other` otherwise. */
  done(
    sequence: number,
    outcome:
      { kind: "rate_limited" } | { kind: "ok"; hint?: RateLimitHint; tokens?: number | null } | { kind: "other" },
  ): void {
    const change =
      outcome.kind === "rate_limited"
        ? this.limit.rateLimited(sequence)
        : outcome.kind === "ok"
          ? this.limit.succeeded(this.inFlight, outcome.hint, outcome.tokens)
          : null;
    this.inFlight--;
    this.drain();
    if (change) this.onChange(change);
  }

  private drain() {
    while (this.inFlight < this.limit.limit && this.head < this.waiting.length) {
      const next = this.waiting[this.head];
      this.waiting[this.head++] = noop;
      this.inFlight++;
      next();
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
  }
}

const noop = () => {};
