import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { validateFaults } from "./faults";
import { FileStore, routeFiles } from "./file-store";
import { BatchStore, routeBatches } from "./handle-batches";
import { handleChat, type ChatContext } from "./handle-chat";
import { HttpError, sendError, sendJson } from "./http-helpers";
import { emptyStats, snapshotStats } from "./stats";
import type { Simulator, SimulatorOptions } from "./types";

export type { FaultKind, Simulator, SimulatorOptions, SimulatorStats } from "./types";

const SIMULATOR_MODELS = ["sim-evolver", "sim-answerer", "sim-judge", "sim-optimizer"] as const;

const DEFAULTS: ChatContext["options"] = {
  latencyMs: 0,
  jitter: 0,
  seed: "evol-simulator",
  faults: {},
  retryAfterSeconds: 1,
  timeoutHangMs: 60_000,
  batchDelayMs: 0,
  batchFailingLines: 0,
  batchExpire: 0,
  maxInFlight: 0,
  rateLimitHeaders: false,
  recordPrompts: false,
};

function checkOptions(options: ChatContext["options"]): void {
  if (!(options.latencyMs >= 0)) throw new Error(`latencyMs must be ≥ 0, got ${options.latencyMs}`);
  if (!(options.jitter >= 0 && options.jitter <= 1))
    throw new Error(`jitter must be between 0 and 1, got ${options.jitter}`);
  if (!(options.retryAfterSeconds >= 0))
    throw new Error(`retryAfterSeconds must be ≥ 0, got ${options.retryAfterSeconds}`);
  if (!(options.timeoutHangMs >= 0)) throw new Error(`timeoutHangMs must be ≥ 0, got ${options.timeoutHangMs}`);
  if (!(options.batchDelayMs >= 0)) throw new Error(`batchDelayMs must be ≥ 0, got ${options.batchDelayMs}`);
  for (const name of ["batchFailingLines", "batchExpire"] as const)
    if (!(options[name] >= 0 && options[name] <= 1))
      throw new Error(`${name} needs a probability between 0 and 1, got ${options[name]}`);
  if (!(Number.isInteger(options.maxInFlight) && options.maxInFlight >= 0))
    throw new Error(`maxInFlight must be a whole number ≥ 0, got ${options.maxInFlight}`);
  validateFaults(options.faults);
}

function modelList() {
  const created = Math.floor(Date.now() / 1000);
  return {
    object: "list",
    data: SIMULATOR_MODELS.map((id) => ({ id, object: "model", created, owned_by: "evol-studio-simulator" })),
  };
}

/** An OpenAI-compatible chat completion (and Batch API) server that answers deterministically; not a real model. */
export async function createSimulator(initial: SimulatorOptions = {}): Promise<Simulator> {
  const { port: requestedPort = 0, ...rest } = initial;
  const options = { ...DEFAULTS, ...rest, faults: { ...rest.faults } };
  checkOptions(options);
  let stats = emptyStats();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  // A getter, so requests already running count into the stats that
  // resetStats installs instead of a discarded window.
  const context: ChatContext = {
    options,
    later,
    get stats() {
      return stats;
    },
  };

  const files = new FileStore();
  const batches = new BatchStore(files, context);

  const track = (res: ServerResponse) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.once("close", () => stats.inFlight--);
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0].replace(/\/+$/, "") || "/";
    if (req.method === "POST" && path === "/v1/chat/completions") {
      track(res);
      return handleChat(req, res, context);
    }
    if (await routeFiles(req, res, path, files)) return;
    if (await routeBatches(req, res, path, batches)) return;
    if (req.method === "GET" && path === "/v1/models") return sendJson(res, 200, modelList());
    if (req.method === "GET" && path === "/stats") return sendJson(res, 200, snapshotStats(stats));
    if (req.method === "POST" && path === "/reset") {
      resetStats();
      return sendJson(res, 200, { ok: true });
    }
    throw new HttpError(404, `Unknown route: ${req.method} ${path}`, "invalid_request_error", "unknown_url");
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const httpError = error instanceof HttpError ? error : new HttpError(500, String(error), "server_error");
      sendError(res, httpError);
    });
  });

  function resetStats() {
    // Requests still open belong to the new window; their close is counted there.
    const inFlight = stats.inFlight;
    stats = { ...emptyStats(), inFlight, maxInFlight: inFlight };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats: () => snapshotStats(stats),
    resetStats,
    setOptions(partial) {
      const next = { ...options, ...partial, faults: { ...(partial.faults ?? options.faults) } };
      checkOptions(next);
      Object.assign(options, next);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
