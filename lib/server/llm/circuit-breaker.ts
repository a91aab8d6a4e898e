import type { LlmErrorKind } from "./classify-error";

/** Failures that say the endpoint is away (every call would fail alike), not that one request was wrong. */
const OUTAGE_KINDS: ReadonlySet<LlmErrorKind> = new Set(["connection", "timeout", "server_error"]);

export function isOutageKind(kind: LlmErrorKind): boolean {
  return OUTAGE_KINDS.has(kind);
}

export type BreakerState = "closed" | "open" | "probing";

/** What a caller may do now: send as usual, send the one probe, or wait (until `until`, or a state change). */
export type Admission = { kind: "send" } | { kind: "probe" } | { kind: "wait"; until: number | null };

export type BreakerEvent = { kind: "opened"; at: number } | { kind: "reopened"; at: number } | { kind: "closed" };

export interface BreakerOptions {
  /** Outage failures in a row, with no answer between them, that open the breaker. */
  threshold: number;
  /** First wait before a probe; doubled after each failed probe up to maxProbeDelayMs. */
  probeDelayMs: number;
  maxProbeDelayMs: number;
}

/**
 * The state machine of one endpoint's breaker, pure (time is passed in).
 * Closed: calls go out; `threshold` outage failures in a row open it. Open:
 * nothing goes out until the next probe time, when exactly one call is let
 * through (probing). Any answer from the endpoint closes it (a 400 is an
 * answer too); an outage failure of the probe opens it again for longer.
 * `generation` grows on every (re)opening, so a caller can tell that its own
 * failures were part of an outage.
 */
export class CircuitBreaker {
  state: BreakerState = "closed";
  generation = 0;
  openedAt: number | null = null;
  nextProbeAt: number | null = null;
  failedProbes = 0;
  private streak = 0;

  constructor(private readonly options: BreakerOptions) {
    if (!(options.threshold >= 1)) throw new Error(`threshold must be ≥ 1, got ${options.threshold}`);
    if (!(options.probeDelayMs > 0 && options.maxProbeDelayMs >= options.probeDelayMs))
      throw new Error("probe delays must be > 0, the maximum at least the first");
  }

  admit(now: number): Admission {
    if (this.state === "closed") return { kind: "send" };
    if (this.state === "open" && this.nextProbeAt !== null && now >= this.nextProbeAt) {
      this.state = "probing";
      return { kind: "probe" };
    }
    return { kind: "wait", until: this.state === "open" ? this.nextProbeAt : null };
  }

  /** The endpoint answered (a reply, or an error of the request's own such as 400 or 429). */
  recordAnswer(): BreakerEvent | null {
    this.streak = 0;
    if (this.state === "closed") return null;
    this.state = "closed";
    this.openedAt = null;
    this.nextProbeAt = null;
    this.failedProbes = 0;
    return { kind: "closed" };
  }

  /** An outage failure; `probe` says whether it was the probe's. */
  recordOutage(now: number, probe: boolean): BreakerEvent | null {
    this.streak++;
    if (this.state === "probing" && probe) {
      this.failedProbes++;
      this.open(now);
      return { kind: "reopened", at: now };
    }
    if (this.state !== "closed" || this.streak < this.options.threshold) return null;
    this.openedAt = now;
    this.open(now);
    return { kind: "opened", at: now };
  }

  /** The probe ended without telling anything (e.g. it was refused by a budget before sending): let another go. */
  releaseProbe(now: number): void {
    if (this.state !== "probing") return;
    this.state = "open";
    this.nextProbeAt = now;
  }

  private open(now: number) {
    this.state = "open";
    this.generation++;
    const delay = Math.min(this.options.maxProbeDelayMs, this.options.probeDelayMs * 2 ** this.failedProbes);
    this.nextProbeAt = now + delay;
  }
}
