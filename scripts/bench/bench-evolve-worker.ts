// Child process of `npm run bench:evolve`: runs the real `npm run worker`
// (scripts/worker.ts, unchanged) and counts, without touching product code,
// the LLM calls this process made. The count comes from undici's diagnostics
// channels, which Node's built-in fetch (used by the openai client) publishes
// for every request; the role is read from the `x-evol-request-key` header.
// The parent asks for the count over IPC (`{ type: "report" }`) once the run
// has finished, then stops the worker with SIGTERM.
import dc from "node:diagnostics_channel";

export interface WorkerReport {
  type: "report";
  pid: number;
  /** Chat completion requests sent. */
  requests: number;
  /** Answered with HTTP 200. */
  ok: number;
  /** HTTP 200 answers by role (the suffix of the request key). */
  okByRole: Record<string, number>;
  /** Steps this process evolved: its successful evolve calls. */
  steps: number;
  /** Requests that failed at the transport level or with a non-200 status. */
  failed: number;
  /** CPU seconds (user + system) this process used since it started. */
  cpuSeconds: number;
  maxRssMb: number;
  /** With BENCH_COUNT_STATEMENTS=1: every query sent through pg, by its first 90 characters. */
  statements?: { total: number; byText: Record<string, number> };
}

interface UndiciRequest {
  method?: string;
  path?: string;
  headers?: string[] | string;
}

const CHAT_PATH = /\/chat\/completions(?:\?|$)/;
const roles = new WeakMap<object, string>();
const report: WorkerReport = {
  type: "report",
  pid: process.pid,
  requests: 0,
  ok: 0,
  okByRole: {},
  steps: 0,
  failed: 0,
  cpuSeconds: 0,
  maxRssMb: 0,
};

function requestKeyOf(headers: UndiciRequest["headers"]): string | null {
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      if (headers[i].toLowerCase() === "x-evol-request-key") return headers[i + 1];
    return null;
  }
  if (typeof headers === "string") {
    const match = /^x-evol-request-key:\s*(.+?)\r?$/im.exec(headers);
    return match ? match[1] : null;
  }
  return null;
}

dc.subscribe("undici:request:create", (message) => {
  const { request } = message as { request: UndiciRequest };
  if (request.method !== "POST" || !CHAT_PATH.test(request.path ?? "")) return;
  report.requests++;
  const key = requestKeyOf(request.headers);
  roles.set(request, key ? key.slice(key.lastIndexOf(":") + 1) : "unkeyed");
});

dc.subscribe("undici:request:headers", (message) => {
  const { request, response } = message as { request: object; response: { statusCode: number } };
  const role = roles.get(request);
  if (role === undefined) return;
  if (response.statusCode === 200) {
    report.ok++;
    report.okByRole[role] = (report.okByRole[role] ?? 0) + 1;
    if (role === "evolve") report.steps++;
  } else {
    report.failed++;
  }
});

dc.subscribe("undici:request:error", (message) => {
  const { request } = message as { request: object };
  if (roles.has(request)) report.failed++;
});

// A counting wrapper around pg's Client#query (Prisma's adapter and pg-boss both use it): one call, one round trip.
if (process.env.BENCH_COUNT_STATEMENTS === "1") {
  const statements = { total: 0, byText: {} as Record<string, number> };
  report.statements = statements;
  const { default: pg } = await import("pg");
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = (typeof first === "string" ? first : (first?.text ?? "?")).replace(/\s+/g, " ").trim().slice(0, 90);
    statements.total++;
    statements.byText[text] = (statements.byText[text] ?? 0) + 1;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

process.on("message", (message: unknown) => {
  if (typeof message !== "object" || message === null || (message as { type?: unknown }).type !== "report") return;
  const cpu = process.cpuUsage();
  report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  report.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.send?.(report);
});

// The real worker entry point, started as `npm run worker` would start it.
await import("../worker");
