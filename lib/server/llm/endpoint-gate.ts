import { CircuitBreaker, type BreakerEvent, type BreakerOptions } from "./circuit-breaker";

export interface GateSnapshot {
  endpoint: string;
  state: CircuitBreaker["state"];
  openedAt: number | null;
  /** Calls waiting for the endpoint, by run ("" for calls outside a run). */
  held: Record<string, number>;
}

export type GateChange = { event: BreakerEvent | { kind: "held-by-new-run" }; snapshot: GateSnapshot };

/**
 * One endpoint's breaker with the waiting around it: callers `pass` before
 * each request and report what came back. While the breaker is open they
 * wait on one shared wake-up (a state change, or the next probe time), so
 * a held call costs no timer and no polling. `onChange` hears about opening,
 * reopening, closing and a run whose calls are held for the first time,
 * never about single calls.
 */
export class EndpointGate {
  readonly breaker: CircuitBreaker;
  private readonly held = new Map<string, number>();
  private wake = deferred();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly endpoint: string,
    options: BreakerOptions,
    private readonly onChange: (change: GateChange) => void = () => {},
  ) {
    this.breaker = new CircuitBreaker(options);
  }

  /**
   * Resolves when this caller may send; `probe` when it carries the one probe of an open breaker. Rejects
   * with the signal's reason if it aborts while held (the queue gave the caller's job to another worker).
   */
  async pass(runId: string | null, signal?: AbortSignal): Promise<{ probe: boolean; generation: number }> {
    for (;;) {
      const admission = this.breaker.admit(Date.now());
      if (admission.kind !== "wait") return { probe: admission.kind === "probe", generation: this.breaker.generation };
      signal?.throwIfAborted();
      const key = runId ?? "";
      const count = this.held.get(key) ?? 0;
      this.held.set(key, count + 1);
      if (count === 0) this.emit({ kind: "held-by-new-run" });
      try {
        await (signal ? abortable(this.wake.promise, signal) : this.wake.promise);
      } finally {
        const left = (this.held.get(key) ?? 1) - 1;
        if (left > 0) this.held.set(key, left);
        else this.held.delete(key);
      }
    }
  }

  answered(): void {
    const event = this.breaker.recordAnswer();
    if (event) this.changed(event);
  }

  failed(probe: boolean): void {
    const event = this.breaker.recordOutage(Date.now(), probe);
    if (event) this.changed(event);
  }

  /** A probe that was let through but never sent: the next waiter probes instead. */
  probeNotSent(): void {
    this.breaker.releaseProbe(Date.now());
    this.wakeAll();
  }

  snapshot(): GateSnapshot {
    return {
      endpoint: this.endpoint,
      state: this.breaker.state,
      openedAt: this.breaker.openedAt,
      held: Object.fromEntries(this.held),
    };
  }

  private changed(event: BreakerEvent) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const { nextProbeAt } = this.breaker;
    if (event.kind !== "closed" && nextProbeAt !== null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.wakeAll();
      }, nextProbeAt - Date.now());
    }
    this.emit(event);
    this.wakeAll();
  }

  private emit(event: GateChange["event"]) {
    this.onChange({ event, snapshot: this.snapshot() });
  }

  private wakeAll() {
    const current = this.wake;
    this.wake = deferred();
    current.resolve();
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
