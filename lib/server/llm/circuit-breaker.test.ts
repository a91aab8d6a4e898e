import { describe, expect, it } from "vitest";
import { CircuitBreaker, isOutageKind } from "./circuit-breaker";
import { EndpointGate, type GateChange } from "./endpoint-gate";

const options = { threshold: 3, probeDelayMs: 100, maxProbeDelayMs: 400 };

describe("CircuitBreaker", () => {
  it("counts connection errors, timeouts and 5xx as outages, not a request's own errors", () => {
    expect(["connection", "timeout", "server_error"].every((k) => isOutageKind(k as never))).toBe(true);
    for (const kind of ["rate_limit", "bad_request", "auth", "not_found", "unknown"] as const)
      expect(isOutageKind(kind), kind).toBe(false);
  });

  it("opens after `threshold` outage failures in a row, and an answer between them starts the count again", () => {
    const b = new CircuitBreaker(options);
    expect(b.recordOutage(0, false)).toBeNull();
    expect(b.recordOutage(1, false)).toBeNull();
    b.recordAnswer();
    expect(b.recordOutage(2, false)).toBeNull();
    expect(b.recordOutage(3, false)).toBeNull();
    expect(b.state).toBe("closed");
    expect(b.admit(3)).toEqual({ kind: "send" });
    expect(b.recordOutage(4, false)).toEqual({ kind: "opened", at: 4 });
    expect(b).toMatchObject({ state: "open", openedAt: 4, nextProbeAt: 104, generation: 1 });
  });

  it("holds every call while open, lets exactly one probe through at the probe time, and holds the rest meanwhile", () => {
    const b = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) b.recordOutage(0, false);
    expect(b.admit(50)).toEqual({ kind: "wait", until: 100 });
    expect(b.admit(100)).toEqual({ kind: "probe" });
    expect(b.state).toBe("probing");
    expect(b.admit(100)).toEqual({ kind: "wait", until: null });
    expect(b.admit(10_000)).toEqual({ kind: "wait", until: null });
  });

  it("a failed probe reopens it with the wait doubled up to the maximum, and each reopening is a new generation", () => {
    const b = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) b.recordOutage(0, false);
    const probeTimes: number[] = [];
    let now = 0;
    for (let i = 0; i < 4; i++) {
      now = b.nextProbeAt!;
      probeTimes.push(now);
      expect(b.admit(now)).toEqual({ kind: "probe" });
      // A call sent before the opening that fails now changes nothing.
      expect(b.recordOutage(now, false)).toBeNull();
      expect(b.recordOutage(now, true)).toEqual({ kind: "reopened", at: now });
    }
    expect(probeTimes).toEqual([100, 300, 700, 1100]);
    expect(b.generation).toBe(5);
    expect(b.openedAt).toBe(0);
  });

  it("closes on any answer, the probe's or a late reply's, a 400 included, and starts afresh", () => {
    const b = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) b.recordOutage(0, false);
    b.admit(100);
    expect(b.recordAnswer()).toEqual({ kind: "closed" });
    expect(b).toMatchObject({ state: "closed", openedAt: null, nextProbeAt: null, failedProbes: 0 });
    expect(b.recordAnswer()).toBeNull();
    for (let i = 0; i < 3; i++) b.recordOutage(200, false);
    expect(b.nextProbeAt).toBe(300);
  });

  it("lets another caller probe when the probe was never sent", () => {
    const b = new CircuitBreaker(options);
    for (let i = 0; i < 3; i++) b.recordOutage(0, false);
    expect(b.admit(100)).toEqual({ kind: "probe" });
    b.releaseProbe(120);
    expect(b.admit(120)).toEqual({ kind: "probe" });
  });

  it("refuses settings that would never open or never probe", () => {
    expect(() => new CircuitBreaker({ ...options, threshold: 0 })).toThrow(/threshold/);
    expect(() => new CircuitBreaker({ ...options, probeDelayMs: 0 })).toThrow(/probe/);
    expect(() => new CircuitBreaker({ ...options, maxProbeDelayMs: 50 })).toThrow(/probe/);
  });
});

describe("EndpointGate", () => {
  it("holds callers while open, counts them by run, sends one probe, and releases everyone when it answers", async () => {
    const changes: GateChange[] = [];
    const gate = new EndpointGate("http://x/v1", { threshold: 2, probeDelayMs: 20, maxProbeDelayMs: 20 }, (c) =>
      changes.push(c),
    );
    expect(await gate.pass("run-a")).toEqual({ probe: false, generation: 0 });
    gate.failed(false);
    gate.failed(false);
    expect(changes.map((c) => c.event.kind)).toEqual(["opened"]);
    const passed: { who: string; probe: boolean }[] = [];
    const callers = ["run-a", "run-a", "run-b"].map((run, i) =>
      gate.pass(run).then((t) => passed.push({ who: `${run}#${i}`, probe: t.probe })),
    );
    await Promise.resolve();
    expect(gate.snapshot().held).toEqual({ "run-a": 2, "run-b": 1 });
    expect(changes.filter((c) => c.event.kind === "held-by-new-run")).toHaveLength(2);
    // The probe time comes: one caller probes, the others stay held.
    await waitUntil(() => passed.length === 1);
    expect(passed[0].probe).toBe(true);
    expect(Object.values(gate.snapshot().held).reduce((a, b) => a + b, 0)).toBe(2);
    gate.answered();
    await Promise.all(callers);
    expect(passed.map((p) => p.probe)).toEqual([true, false, false]);
    expect(gate.snapshot()).toMatchObject({ state: "closed", held: {} });
    expect(changes.at(-1)?.event.kind).toBe("closed");
  });
});

async function waitUntil(condition: () => boolean) {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe("EndpointGate and a job taken away", () => {
  it("a held caller whose signal aborts gives up unsent and is no longer counted", async () => {
    const gate = new EndpointGate("http://y/v1", { threshold: 1, probeDelayMs: 60_000, maxProbeDelayMs: 60_000 });
    gate.failed(false);
    const controller = new AbortController();
    const held = gate.pass("run-a", controller.signal);
    await Promise.resolve();
    expect(gate.snapshot().held).toEqual({ "run-a": 1 });
    controller.abort(new Error("job taken by another worker"));
    await expect(held).rejects.toThrow(/another worker/);
    expect(gate.snapshot().held).toEqual({});
    gate.answered();
  });
});
