// `npm run simulator`: a stand-alone OpenAI-compatible simulator for runs and
// e2e tests without a real model (point SIMULATOR_URL at the printed URL).
import { parseArgs } from "node:util";
import { createSimulator } from "@/lib/simulator/create-simulator";
import { FAULT_KINDS, type FaultKind, type SimulatorStats } from "@/lib/simulator/types";

const USAGE = `Usage: npm run simulator -- [--port 4010] [--latency 200] [--jitter 0.5] [--seed x]
       [--fault rate_limit=0.05 --fault timeout=0.01 ...] [--retry-after 1] [--timeout-hang 60000]
       [--batch-delay 0] [--batch-failing-lines 0.05] [--batch-expire 0.1]
       [--max-in-flight N [--rate-limit-headers]]
Fault kinds: ${FAULT_KINDS.join(", ")}`;

function number(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) throw new Error(`--${name} needs a number, got "${value}"`);
  return parsed;
}

function parseFaults(specs: string[]): Partial<Record<FaultKind, number>> {
  const faults: Partial<Record<FaultKind, number>> = {};
  for (const spec of specs) {
    const [kind, probability] = spec.split("=");
    if (!(FAULT_KINDS as readonly string[]).includes(kind))
      throw new Error(`unknown fault "${kind}" in --fault ${spec}`);
    faults[kind as FaultKind] = number("fault", probability, Number.NaN);
  }
  return faults;
}

function summary(stats: SimulatorStats): string {
  const faults = Object.entries(stats.faults)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind}=${n}`)
    .join(" ");
  const kinds = Object.entries(stats.byKind)
    .map(([kind, n]) => `${kind}=${n}`)
    .join(" ");
  return `requests=${stats.requests} completed=${stats.completed} batches=${stats.batches} in-flight=${stats.inFlight} (max ${stats.maxInFlight}) | ${kinds} | faults: ${faults || "none"}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      latency: { type: "string" },
      jitter: { type: "string" },
      seed: { type: "string" },
      fault: { type: "string", multiple: true, default: [] },
      "retry-after": { type: "string" },
      "timeout-hang": { type: "string" },
      "batch-delay": { type: "string" },
      "batch-failing-lines": { type: "string" },
      "batch-expire": { type: "string" },
      "max-in-flight": { type: "string" },
      "rate-limit-headers": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = {
    port: number("port", values.port, 4010),
    latencyMs: number("latency", values.latency, 0),
    jitter: number("jitter", values.jitter, 0),
    seed: values.seed ?? "evol-simulator",
    faults: parseFaults(values.fault),
    retryAfterSeconds: number("retry-after", values["retry-after"], 1),
    timeoutHangMs: number("timeout-hang", values["timeout-hang"], 60_000),
    batchDelayMs: number("batch-delay", values["batch-delay"], 0),
    batchFailingLines: number("batch-failing-lines", values["batch-failing-lines"], 0),
    batchExpire: number("batch-expire", values["batch-expire"], 0),
    maxInFlight: number("max-in-flight", values["max-in-flight"], 0),
    rateLimitHeaders: values["rate-limit-headers"],
  };
  const simulator = await createSimulator(options);
  console.log("Evol Studio LLM simulator — not a real model");
  console.log(`base URL: ${simulator.url}`);
  console.log(
    `latency: ${options.latencyMs} ms ±${options.jitter * 100}%, seed: "${options.seed}", retry-after: ${options.retryAfterSeconds} s, timeout hang: ${options.timeoutHangMs} ms`,
  );
  const faults = Object.entries(options.faults).map(([kind, p]) => `${kind}=${p}`);
  if (options.maxInFlight > 0)
    console.log(
      `max in flight: ${options.maxInFlight} (429 above it${options.rateLimitHeaders ? ", x-ratelimit headers sent" : ""})`,
    );
  console.log(`faults: ${faults.length > 0 ? faults.join(", ") : "none"}`);
  console.log(
    `batches: complete after ${options.batchDelayMs} ms, failing lines ${options.batchFailingLines}, expire ${options.batchExpire}`,
  );

  const ticker = setInterval(() => console.log(`[${new Date().toISOString()}] ${summary(simulator.stats())}`), 10_000);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    console.log(`${signal}: stopping. ${summary(simulator.stats())}`);
    await simulator.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
