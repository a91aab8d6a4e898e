// `npm run bench:mixed`: reviewing while a run goes at full speed (issue 15).
//
// On the --nodes (250,000) forest of `npm run seed:scale`, a continuous run of
// the project's seeds goes at --concurrency (64) LLM calls in flight against
// the simulator at 200 ms ± 50 %, executed by a real `npm run worker` process
// (as bench:evolve starts it), while --reviewers (4) simulated annotators work
// at a human pace in another process (the web side; see
// bench-mixed-reviewers.ts): each cycle of 2 s opens a queue page with a
// filter, opens a node and moves j/k 2–3 times (each node: its detail and its
// queue neighbours, as the node page reads them), then accepts the node.
// Reviewers call the services the pages call, in-process: server time, no
// HTTP. The queue page's list is what the reviewer waits for; its count
// streams in after it (decision 0048) and is printed on its own line, from
// the page's start, without a target. Targets while the run goes: queue (the
// list) p95 ≤ 100 ms, node view p95 ≤ 50 ms,
// accept p95 ≤ 30 ms, run ≥ 0.9 of C / L (calls answered at the simulator
// inside the reviewers' window ÷ window ÷ (C / 0.2 s)).
//
//   --nodes N          forest size (default 250000)
//   --seconds S        measured window (default 60)
//   --reviewers R      (default 4; 0 = the run alone)
//   --concurrency C    LLM calls in flight (default 64; 0 = the reviewers alone)
//   --reuse DIR        keep the embedded Postgres in DIR and seed it only once (seeding 250k takes a while);
//                      each try adds its run's nodes and the reviewers' decisions to the project
//   --worker-nice N    start the worker at OS priority nice N (default 0)
//   --worker-backends-nice N  renice the Postgres backends that serve the worker (sampled every 250 ms)
//   --worker-pool N    the worker's DATABASE_POOL_SIZE (default: the app's)
//   --worker-pg-options="-c name=value"  session settings of the worker's connections (libpq `options`),
//                      e.g. "-c synchronous_commit=off"
//   --web-pool N       the reviewers' DATABASE_POOL_SIZE (default: the app's)
import { execFileSync, fork } from "node:child_process";
import dc from "node:diagnostics_channel";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "@/lib/server/db/embedded-postgres";
import { applyMigrations } from "@/lib/server/db/migrate";
import type { ReviewerPlan, ReviewerResult, RequestKind } from "./bench-mixed-reviewers";
import { backendClassifier, type BackendRow, type Side } from "./bench-mixed-backends";
import { cpuByGroup, cpuSnapshot, postmasterPid } from "./bench-evolve-cpu";
import { runSeedScale } from "./seeded-database";
import { WorkerChild } from "./worker-child";

const here = path.dirname(fileURLToPath(import.meta.url));
const LATENCY_MS = 200;
const JITTER = 0.5;
const ROUNDS = 4;
const CALLS_PER_EVOLUTION = 3;
const CYCLE_MS = 2_000;
/** The run warms up (first jobs picked, 90 % of C in flight) before the reviewers' window opens. */
const WARMUP_TIMEOUT_MS = 60_000;
const PROJECT = "bench-mixed";
const TARGETS: Record<RequestKind, number | null> = { queue: 100, count: null, node: 50, neighbours: null, accept: 30 };
const LABELS: Record<RequestKind, string> = {
  queue: "queue page (list; count streams after)",
  count: "queue count (from the page's start)",
  node: "node view",
  neighbours: "j/k neighbours (node page)",
  accept: "accept one node",
};
const TARGET_RATIO = 0.9;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const f = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || !Number.isFinite(n) ? "–" : n.toFixed(digits);

function options() {
  const { values } = parseArgs({
    options: {
      nodes: { type: "string", default: "250000" },
      seconds: { type: "string", default: "60" },
      reviewers: { type: "string", default: "4" },
      concurrency: { type: "string", default: "64" },
      reuse: { type: "string" },
      "worker-nice": { type: "string", default: "0" },
      "worker-backends-nice": { type: "string", default: "0" },
      "worker-pool": { type: "string" },
      "worker-pg-options": { type: "string" },
      "web-pool": { type: "string" },
    },
    strict: true,
  });
  const int = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw.replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number ${min}–${max}`);
    return n;
  };
  return {
    nodes: int("nodes", values.nodes, 1_000, 2_000_000),
    seconds: int("seconds", values.seconds, 5, 3_600),
    reviewers: int("reviewers", values.reviewers, 0, 64),
    concurrency: int("concurrency", values.concurrency, 0, 1_024),
    reuse: values.reuse ? path.resolve(values.reuse) : null,
    workerNice: int("worker-nice", values["worker-nice"], 0, 19),
    workerBackendsNice: int("worker-backends-nice", values["worker-backends-nice"], 0, 19),
    workerPgOptions: values["worker-pg-options"] ?? null,
    workerPool: values["worker-pool"] ? int("worker-pool", values["worker-pool"], 1, 1000) : null,
    webPool: values["web-pool"] ? int("web-pool", values["web-pool"], 1, 1000) : null,
  };
}
type Options = ReturnType<typeof options>;

function withPgOptions(url: string, pgOptions: string | null): string {
  if (!pgOptions) return url;
  const parsed = new URL(url);
  parsed.searchParams.set("options", pgOptions);
  return parsed.toString();
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")} (${availableParallelism()} cores)`;

// ---------------------------------------------------------------------------
// What the simulator answered, and when (Node's http server diagnostics channels, as in bench:evolve).

const answered: number[] = [];
let inFlight = 0;
const open = new WeakSet<object>();
const isChat = (request: IncomingMessage) =>
  request.method === "POST" && (request.url ?? "").split("?")[0].replace(/\/+$/, "") === "/v1/chat/completions";
dc.subscribe("http.server.request.start", (message) => {
  const { request } = message as { request: IncomingMessage };
  if (!isChat(request)) return;
  open.add(request);
  inFlight++;
});
dc.subscribe("http.server.response.finish", (message) => {
  const { request, response } = message as { request: IncomingMessage; response: { statusCode: number } };
  if (!open.has(request)) return;
  open.delete(request);
  inFlight--;
  if (response.statusCode === 200) answered.push(Date.now());
});

// ---------------------------------------------------------------------------
// The database: a throw-away one, or --reuse DIR seeded once.

async function openDatabase(opts: Options) {
  const dataDir = opts.reuse ?? (await mkdtemp(path.join(tmpdir(), "evol-bench-mixed-")));
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 5000);
  const db = await startEmbeddedPostgres({ dataDir, port, database: "evol_bench" });
  await applyMigrations({ connectionString: db.url });
  const marker = path.join(dataDir, "bench-mixed.json");
  const seeded = existsSync(marker) ? (JSON.parse(await readFile(marker, "utf8")) as { nodes: number }) : null;
  if (seeded && seeded.nodes !== opts.nodes)
    throw new Error(`--reuse ${dataDir} holds a ${seeded.nodes}-node forest, not ${opts.nodes}: use another directory`);
  if (seeded) {
    console.log(`reusing the seeded database in ${dataDir}`);
  } else {
    console.log(`seeding ${opts.nodes.toLocaleString("en-US")} nodes (npm run seed:scale)…`);
    const started = performance.now();
    runSeedScale(db.url, { nodes: opts.nodes, project: PROJECT });
    console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (opts.reuse) await writeFile(marker, JSON.stringify({ nodes: opts.nodes }));
  }
  return {
    url: db.url,
    port,
    close: async () => {
      await db.stop();
      if (!opts.reuse) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// Postgres backends, sampled through the window: what the active ones wait for (lock waits and the like), per side.

function sampleBackends(
  query: () => Promise<BackendRow[]>,
  classify: (rows: BackendRow[]) => Array<BackendRow & { side: Side }>,
) {
  const counts = new Map<string, number>();
  const queries = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        for (const row of classify(await query())) {
          if (row.state !== "active") continue;
          const key = `${row.side} ${row.wait ?? "CPU (running)"}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          const text = `${row.side} ${(row.query ?? "").replace(/\s+/g, " ").slice(0, 90)}`;
          queries.set(text, (queries.get(text) ?? 0) + 1);
        }
        samples++;
      } catch {
        // the database is going away at the end
      }
      await sleep(250);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return { counts, queries, samples };
    },
  };
}

// ---------------------------------------------------------------------------

function startReviewers(opts: Options, url: string): { child: ReturnType<typeof fork>; ready: Promise<void> } {
  const child = fork(path.join(here, "bench-mixed-reviewers.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      ...(opts.webPool ? { DATABASE_POOL_SIZE: String(opts.webPool) } : {}),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`reviewers exited with ${code}`)));
  });
  return { child, ready };
}

async function main() {
  const opts = options();
  const started = performance.now();
  const ideal = opts.concurrency / (LATENCY_MS / 1000);
  console.log(
    `bench-mixed: ${opts.nodes.toLocaleString("en-US")} nodes; run at ${opts.concurrency} calls in flight against the simulator ` +
      `${LATENCY_MS} ms ± ${JITTER * 100} % (C / L = ${ideal} calls/s); ${opts.reviewers} reviewers for ${opts.seconds} s; ` +
      `worker nice ${opts.workerNice}, its backends nice ${opts.workerBackendsNice}, worker pool ${opts.workerPool ?? "default"}, web pool ${opts.webPool ?? "default"}` +
      (opts.workerPgOptions ? `, worker connections "${opts.workerPgOptions}"` : ""),
  );
  console.log(`reviewers: the services behind the pages, in-process in a separate web process (server time, no HTTP)`);
  console.log(`at start: ${load()}`);
  const db = await openDatabase(opts);
  process.env.DATABASE_URL = db.url;
  const { createSimulator } = await import("@/lib/simulator/create-simulator");
  const simulator = await createSimulator({ latencyMs: LATENCY_MS, jitter: JITTER, seed: "bench-mixed" });
  process.env.SIMULATOR_URL = simulator.url;
  const { stopBoss } = await import("@/lib/server/jobs/boss");
  const { prepareQueue } = await import("@/lib/server/jobs/prepare-queue");
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { startRun } = await import("@/lib/server/runs/start-run");
  const { controlRun } = await import("@/lib/server/runs/control-run");
  const { OPERATIONS } = await import("@/lib/evolution/operations");
  const prisma = getPrisma();
  let worker: WorkerChild | null = null;
  let reviewers: ReturnType<typeof startReviewers> | null = null;
  let ok = true;
  try {
    await prepareQueue(db.url);
    const project = await prisma.project.findUniqueOrThrow({ where: { name: PROJECT } });
    const admin = await prisma.user.findFirstOrThrow({ where: { role: "admin" } });
    const nodes = await prisma.node.count({ where: { projectId: project.id } });
    console.log(`project "${PROJECT}": ${nodes.toLocaleString("en-US")} nodes now`);

    reviewers = opts.reviewers > 0 ? startReviewers(opts, db.url) : null;
    let runId: string | null = null;
    if (opts.concurrency > 0) {
      worker = new WorkerChild({
        label: "worker",
        nice: opts.workerNice,
        env: {
          ...process.env,
          DATABASE_URL: withPgOptions(db.url, opts.workerPgOptions),
          SIMULATOR_URL: simulator.url,
          LLM_CONCURRENCY: String(opts.concurrency),
          ...(opts.workerPool ? { DATABASE_POOL_SIZE: String(opts.workerPool) } : {}),
        },
      });
      await worker.ready();
      // Enough seeds that the run outlasts the window: evolutions/s at C / L, × the window and the warm-up, over 4 rounds.
      const seedLimit = Math.ceil(((ideal / CALLS_PER_EVOLUTION) * (opts.seconds + 60) * 1.3) / ROUNDS);
      const run = await startRun({
        projectId: project.id,
        name: `bench-mixed ${new Date().toISOString()}`,
        seedQuery: "",
        seedLimit,
        rounds: ROUNDS,
        branching: 1,
        mode: "continuous",
        weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as Parameters<typeof startRun>[0]["weights"],
        rules: { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true, duplicate: true },
        scoreDifficulty: false,
        endpoint: "simulator",
        batch: false,
        models: { evolve: "sim-evolver", answer: "sim-answerer", judge: "sim-judge", difficulty: "sim-judge" },
        actorId: admin.id,
      });
      runId = run.id;
      console.log(`run ${run.id}: ${run.seeds} seeds × ${ROUNDS} rounds, continuous`);
      const warm = Date.now() + WARMUP_TIMEOUT_MS;
      while (inFlight < opts.concurrency * 0.9 && Date.now() < warm) await sleep(100);
      await sleep(2_000);
      console.log(`run warm: ${inFlight} calls in flight`);
    }
    await reviewers?.ready;

    // ---- the window
    const postmaster = postmasterPid(db.port);
    const waits = sampleBackends(
      () =>
        prisma.$queryRaw<BackendRow[]>`
          SELECT pid, client_port, state, wait_event_type || ':' || wait_event AS wait, query
            FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      backendClassifier({
        webPid: reviewers?.child.pid,
        workerPid: worker?.child.pid,
        workerNice: opts.workerBackendsNice,
      }),
    );
    const cpuBefore = cpuSnapshot();
    const windowStart = Date.now();
    const answeredBefore = answered.length;
    let inFlightSum = 0;
    let inFlightSamples = 0;
    const sampler = setInterval(() => {
      inFlightSum += inFlight;
      inFlightSamples++;
    }, 100);
    let result: ReviewerResult | null = null;
    if (reviewers) {
      const { child } = reviewers;
      const done = new Promise<ReviewerResult>((resolve) =>
        child.on("message", (m: unknown) => {
          if ((m as { type?: unknown }).type === "done") resolve(m as ReviewerResult);
        }),
      );
      const plan: ReviewerPlan = {
        type: "start",
        projectId: project.id,
        reviewers: opts.reviewers,
        seconds: opts.seconds,
        cycleMs: CYCLE_MS,
      };
      child.send(plan);
      result = await done;
    } else {
      await sleep(opts.seconds * 1000);
    }
    const windowEnd = Date.now();
    clearInterval(sampler);
    const cpuAfter = cpuSnapshot();
    const waited = await waits.stop();
    const callsInWindow = answered.slice(answeredBefore).filter((at) => at <= windowEnd).length;
    const windowS = (windowEnd - windowStart) / 1000;

    // ---- report
    console.log(`\nwindow ${f(windowS, 1)} s; at end: ${load()}`);
    const workerPid = worker?.child.pid;
    const reviewerPid = reviewers?.child.pid;
    const cpu = cpuByGroup(cpuBefore, cpuAfter, [
      ["worker", (pid) => pid === workerPid],
      ["reviewers (web)", (pid) => pid === reviewerPid],
      ["bench + simulator", (pid) => pid === process.pid],
      ["postgres", (pid, ppid) => postmaster !== null && (pid === postmaster || ppid === postmaster)],
    ]);
    if (Number.isFinite(cpu.machineBusy)) {
      const groups = [...cpu.seconds.entries()].map(([k, v]) => `${k} ${f(v, 1)} s`).join(", ");
      console.log(
        `CPU in the window: machine ${f(cpu.machineShare * 100, 0)} % busy = ${f(cpu.machineBusy, 1)} CPU-s of ${f(windowS * availableParallelism(), 0)}; ${groups}` +
          (cpu.topOthers.length
            ? ` (largest others: ${cpu.topOthers.map(([c, v]) => `${c} ${f(v, 1)} s`).join(", ")})`
            : ""),
      );
      const other = cpu.seconds.get("other") ?? 0;
      if (other > 0.1 * cpu.machineBusy)
        console.log(`NOTE: ${f(other, 1)} CPU-s went to processes outside this benchmark: figures under load.`);
    }
    const waitRows = [...waited.counts.entries()].sort((a, b) => b[1] - a[1]);
    console.log(
      `Postgres active backends by side and wait, mean over ${waited.samples} samples: ` +
        (waitRows.map(([w, n]) => `${w} ${f(n / Math.max(1, waited.samples), 2)}`).join(", ") || "none"),
    );
    const busiest = [...waited.queries.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
    for (const [text, n] of busiest) console.log(`  active ${f(n / Math.max(1, waited.samples), 2)}: ${text}`);
    if (result) {
      const errors = Object.entries(result.errors);
      console.log(
        `reviewers: ${result.cycles} cycles, ${result.decisions} decisions, ${result.lateCycles} cycles over ${CYCLE_MS} ms, CPU ${f(result.cpuSeconds, 1)} s` +
          (errors.length ? `; errors: ${errors.map(([e, n]) => `${e} ×${n}`).join("; ")}` : ""),
      );
      for (const kind of Object.keys(LABELS) as RequestKind[]) {
        const sorted = [...result.times[kind]].sort((a, b) => a - b);
        const p50 = quantile(sorted, 0.5);
        const p95 = quantile(sorted, 0.95);
        const target = TARGETS[kind];
        const pass = target === null || (p95 !== null && p95 <= target);
        if (target !== null) ok &&= pass;
        console.log(
          `${target === null ? "    " : pass ? "PASS" : "FAIL"}  ${LABELS[kind].padEnd(38)} p50 ${f(p50, 1).padStart(7)}  p95 ${f(p95, 1).padStart(7)}  max ${f(sorted.at(-1), 0).padStart(5)}  (n=${sorted.length}${target !== null ? `, target p95 ≤ ${target} ms` : ""})`,
        );
        const perFilter = kind === "queue" ? result.queueByFilter : kind === "count" ? result.countByFilter : null;
        if (perFilter)
          for (const [label, times] of Object.entries(perFilter)) {
            const byFilter = [...times].sort((a, b) => a - b);
            console.log(
              `        [${label}] p50 ${f(quantile(byFilter, 0.5), 1)}  p95 ${f(quantile(byFilter, 0.95), 1)}  (n=${byFilter.length})`,
            );
          }
      }
    }
    if (opts.concurrency > 0) {
      const rate = callsInWindow / windowS;
      const ratio = rate / ideal;
      const pass = ratio >= TARGET_RATIO;
      ok &&= pass;
      console.log(
        `${pass ? "PASS" : "FAIL"}  run during the window            ${callsInWindow} calls in ${f(windowS, 1)} s = ${f(rate, 1)} calls/s, ratio ${f(ratio, 3)} of C / L (target ≥ ${TARGET_RATIO}); mean in flight ${f(inFlightSum / Math.max(1, inFlightSamples), 1)}`,
      );
      if (runId) {
        const steps = await prisma.runStep.groupBy({ by: ["status"], where: { runId }, _count: true });
        const failed = steps.find((s) => s.status === "failed")?._count ?? 0;
        console.log(
          `      run steps by status: ${steps.map((s) => `${s.status} ${s._count}`).join(", ")}` +
            (failed ? ` — NOTE: ${failed} failed steps (a worker pool too small times out after 5 s)` : ""),
        );
        await controlRun({ runId, command: "cancel", actorId: admin.id }).catch(() => {});
      }
    }
    console.log(`machine: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);
  } finally {
    reviewers?.child.kill("SIGTERM");
    await worker?.stop();
    await stopBoss();
    await disconnectPrisma();
    await simulator.close();
    await db.close();
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
