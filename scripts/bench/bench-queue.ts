// `npx tsx scripts/bench/bench-queue.ts [--queue pgboss|graphile|both] [--jobs 5000]
//   [--concurrency 64] [--processes 1|2] [--scenarios a,b,c,d,e] [--seed 1]
//   [--pgboss-polling 0.5]`
//
// Measures pg-boss 12 and graphile-worker 0.18 on the Evol-Instruct step
// workload: one small idempotent job per evolution step, each job making 3
// sequential fake "LLM calls" of 200 ms ± 50 % (seeded, the same for a given
// step key whichever queue or process runs it), at most `--concurrency` calls
// in flight per run (a semaphore in the process, halved per process when two
// processes share the work). The ideal is concurrency / 0.2 s calls per second.
//
//   a  bulk: all jobs enqueued up front; job concurrency 1.5× the call limit with
//      `--jobs` jobs, and 1× the call limit with a quarter of them (run time bound)
//   b  chained ("continuous"): lineages of 4 steps, each job enqueues its successor,
//      same two job concurrencies; plus an unsaturated probe (half as many lineages
//      as call slots, 8 steps) where pickup latency is the library's own
//   c  two worker processes, each with half the call limit
//   d  crash: SIGKILL a worker with ~`concurrency` jobs in flight, start a new one,
//      time until the stranded jobs run again
//   e  dedupe: the same step key enqueued twice
//
// `--processes 1` skips c. The database is a throw-away embedded Postgres
// (or BENCH_DATABASE_URL, which must be a scratch database).
//
// pg-boss queues are created with the app's own step-queue options
// (`stepQueueOptions` in lib/server/jobs/step-job.ts), so the crash and dedupe
// scenarios measure the shipped settings; graphile-worker runs with its defaults.
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Logger, makeWorkerUtils, run, type Runner, type WorkerEvents, type WorkerUtils } from "graphile-worker";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { stepQueueOptions } from "@/lib/server/jobs/step-job";

// ---------------------------------------------------------------------------
// Options

type QueueKind = "pgboss" | "graphile";
type ScenarioId = "a" | "b" | "c" | "d" | "e";

interface Options {
  queues: QueueKind[];
  jobs: number;
  concurrency: number;
  processes: 1 | 2;
  scenarios: Set<ScenarioId>;
  seed: number;
  /** pg-boss `pollingIntervalSeconds` (library default 2; minimum 0.5). */
  pgbossPolling: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const queue = value("queue") ?? "both";
  if (queue !== "pgboss" && queue !== "graphile" && queue !== "both")
    throw new Error(`--queue must be pgboss, graphile or both`);
  const processes = Number(value("processes") ?? 2);
  if (processes !== 1 && processes !== 2) throw new Error(`--processes must be 1 or 2`);
  const scenarios = new Set<ScenarioId>();
  for (const s of (value("scenarios") ?? "a,b,c,d,e").split(",")) {
    if (s === "a" || s === "b" || s === "c" || s === "d" || s === "e") scenarios.add(s);
    else throw new Error(`unknown scenario ${s}`);
  }
  if (processes === 1) scenarios.delete("c");
  return {
    queues: queue === "both" ? ["pgboss", "graphile"] : [queue],
    jobs: positiveInt(value("jobs") ?? "5000", "--jobs"),
    concurrency: positiveInt(value("concurrency") ?? "64", "--concurrency"),
    processes,
    scenarios,
    seed: positiveInt(value("seed") ?? "1", "--seed"),
    pgbossPolling: Number(value("pgboss-polling") ?? "0.5"),
  };
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

// ---------------------------------------------------------------------------
// Workload

const CALLS_PER_JOB = 3;
const CALL_MEAN_MS = 200;
const STEPS_PER_LINEAGE = 4;

interface StepPayload {
  run: string;
  key: string;
  lineage: number;
  step: number;
  steps: number;
  enqueuedAt: number;
}

function stepKey(run: string, lineage: number, step: number): string {
  return `${run}:L${lineage}:S${step}`;
}

function firstStep(run: string, lineage: number, steps: number): StepPayload {
  return { run, key: stepKey(run, lineage, 0), lineage, step: 0, steps, enqueuedAt: Date.now() };
}

function isStepPayload(value: unknown): value is StepPayload {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.run === "string" &&
    typeof v.key === "string" &&
    typeof v.lineage === "number" &&
    typeof v.step === "number" &&
    typeof v.steps === "number" &&
    typeof v.enqueuedAt === "number"
  );
}

/** 200 ms ± 50 %, uniform, derived from (seed, step key, call index). */
function callDurationMs(seed: number, key: string, call: number): number {
  const u = createHash("sha256").update(`${seed}:${key}:${call}`).digest().readUInt32BE(0) / 2 ** 32;
  return CALL_MEAN_MS * (0.5 + u);
}

/** A name-based (v5-style) UUID for a step key: pg-boss job ids are UUIDs. */
function stepJobId(key: string): string {
  const h = createHash("sha1").update("evol-step\0").update(key).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

class Semaphore {
  #free: number;
  readonly #waiters: Array<() => void> = [];
  constructor(permits: number) {
    this.#free = permits;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#free++;
  }
}

interface RecorderSummary {
  jobs: number;
  calls: number;
  callMs: number;
  firstStart: number;
  lastEnd: number;
  pickups: number[];
}

class Recorder {
  jobs = 0;
  calls = 0;
  callMs = 0;
  firstStart = Number.POSITIVE_INFINITY;
  lastEnd = 0;
  inFlight = 0;
  readonly pickups: number[] = [];
  started(now: number, pickupMs: number): void {
    if (now < this.firstStart) this.firstStart = now;
    this.pickups.push(pickupMs);
    this.inFlight++;
  }
  ended(now: number): void {
    this.jobs++;
    this.inFlight--;
    if (now > this.lastEnd) this.lastEnd = now;
  }
  summary(): RecorderSummary {
    return {
      jobs: this.jobs,
      calls: this.calls,
      callMs: this.callMs,
      firstStart: this.firstStart,
      lastEnd: this.lastEnd,
      pickups: this.pickups,
    };
  }
}

type StepHandler = (payload: StepPayload, jobId: string) => Promise<void>;

function makeStepHandler(args: {
  seed: number;
  semaphore: Semaphore;
  recorder: Recorder;
  enqueue: (payload: StepPayload) => Promise<void>;
  onStart?: (jobId: string, payload: StepPayload) => void;
}): StepHandler {
  const { seed, semaphore, recorder, enqueue, onStart } = args;
  return async (payload, jobId) => {
    const start = Date.now();
    recorder.started(start, start - payload.enqueuedAt);
    onStart?.(jobId, payload);
    try {
      for (let call = 0; call < CALLS_PER_JOB; call++) {
        await semaphore.acquire();
        const t = performance.now();
        try {
          await sleep(callDurationMs(seed, payload.key, call));
        } finally {
          semaphore.release();
          recorder.callMs += performance.now() - t;
          recorder.calls++;
        }
      }
      if (payload.step + 1 < payload.steps) {
        const step = payload.step + 1;
        await enqueue({ ...payload, step, key: stepKey(payload.run, payload.lineage, step), enqueuedAt: Date.now() });
      }
    } finally {
      recorder.ended(Date.now());
    }
  };
}

// ---------------------------------------------------------------------------
// Queue drivers: the same operations on both libraries

interface RunningWorker {
  /** graphile-worker: the pool id that `locked_by` holds; pg-boss: null. */
  poolId: string | null;
  stop(): Promise<void>;
}

interface Driver {
  readonly kind: QueueKind;
  /** Creates whatever the queue needs before jobs are sent to `name`. */
  prepare(name: string): Promise<void>;
  enqueueMany(name: string, payloads: StepPayload[]): Promise<void>;
  /** Returns false when the key already had a job (deduplicated). */
  enqueueOne(name: string, payload: StepPayload): Promise<boolean>;
  startWorker(name: string, jobConcurrency: number, handler: StepHandler): Promise<RunningWorker>;
  /** Ids of jobs a worker holds (pg-boss `active`, graphile-worker locked). */
  heldJobs(name: string): Promise<Array<{ id: string; holder: string | null }>>;
  /** Jobs stored for `name` whose step key is `key`, in any state the library keeps. */
  countByKey(name: string, key: string): Promise<number>;
  close(): Promise<void>;
}

const PGBOSS_SCHEMA = "pgboss";
const GRAPHILE_SCHEMA = "graphile_worker";
const POOL_MAX = 20;

/** The shipped step queue's settings (policy, heartbeat, retries); see docs/decisions/0005. */
const PGBOSS_QUEUE = stepQueueOptions();

class PgBossDriver implements Driver {
  readonly kind = "pgboss" as const;
  readonly #boss: PgBoss;
  readonly #sql: pg.Pool;
  readonly #polling: number;
  private constructor(boss: PgBoss, sql: pg.Pool, polling: number) {
    this.#boss = boss;
    this.#sql = sql;
    this.#polling = polling;
  }
  static async open(url: string, polling: number): Promise<PgBossDriver> {
    const boss = new PgBoss({
      connectionString: url,
      schema: PGBOSS_SCHEMA,
      max: POOL_MAX,
      useListenNotify: true,
      superviseIntervalSeconds: 2,
      monitorIntervalSeconds: 2,
    });
    boss.on("error", (error) => console.error(`[pg-boss error] ${error.message}`));
    await boss.start();
    return new PgBossDriver(boss, new pg.Pool({ connectionString: url, max: 2 }), polling);
  }
  async prepare(name: string): Promise<void> {
    await this.#boss.createQueue(name, { ...PGBOSS_QUEUE });
  }
  async enqueueMany(name: string, payloads: StepPayload[]): Promise<void> {
    for (let i = 0; i < payloads.length; i += 1000) {
      await this.#boss.insert(
        name,
        payloads.slice(i, i + 1000).map((p) => ({ id: stepJobId(p.key), singletonKey: p.key, data: p })),
      );
    }
  }
  async enqueueOne(name: string, payload: StepPayload): Promise<boolean> {
    const id = await this.#boss.send(name, payload, { id: stepJobId(payload.key), singletonKey: payload.key });
    return id !== null;
  }
  /** Exposed for the dedupe scenario. */
  get boss(): PgBoss {
    return this.#boss;
  }
  async startWorker(name: string, jobConcurrency: number, handler: StepHandler): Promise<RunningWorker> {
    await this.#boss.work<StepPayload>(
      name,
      {
        localConcurrency: jobConcurrency,
        batchSize: 1,
        pollingIntervalSeconds: this.#polling,
        notifyPollingIntervalSeconds: this.#polling,
      },
      async (jobs) => {
        for (const job of jobs) await handler(job.data, job.id);
      },
    );
    return { poolId: null, stop: () => this.#boss.offWork(name, { wait: true }) };
  }
  async heldJobs(name: string): Promise<Array<{ id: string; holder: string | null }>> {
    const { rows } = await this.#sql.query<{ id: string }>(
      `select id::text as id from ${PGBOSS_SCHEMA}.job where name = $1 and state = 'active'`,
      [name],
    );
    return rows.map((r) => ({ id: r.id, holder: null }));
  }
  async countByKey(name: string, key: string): Promise<number> {
    const { rows } = await this.#sql.query<{ n: number }>(
      `select count(*)::int as n from ${PGBOSS_SCHEMA}.job where name = $1 and singleton_key = $2`,
      [name, key],
    );
    return rows[0]?.n ?? 0;
  }
  async close(): Promise<void> {
    await this.#boss.stop({ graceful: true, timeout: 10_000 });
    await this.#sql.end();
  }
}

const quietGraphileLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[graphile-worker ${level}] ${message}`);
});

class GraphileDriver implements Driver {
  readonly kind = "graphile" as const;
  readonly #url: string;
  readonly #utils: WorkerUtils;
  readonly #sql: pg.Pool;
  /**
   * completeJobBatchDelay / failJobBatchDelay 0 instead of the default -1:
   * with batching on, stop() waits for the batched completions to be written;
   * with the default, a completion still in flight can lose the race with the
   * pool's shutdown and leave a finished job locked.
   */
  readonly #flushOnStop: boolean;
  private constructor(url: string, utils: WorkerUtils, sql: pg.Pool, flushOnStop: boolean) {
    this.#url = url;
    this.#utils = utils;
    this.#sql = sql;
    this.#flushOnStop = flushOnStop;
  }
  static async open(url: string, flushOnStop = false): Promise<GraphileDriver> {
    const utils = await makeWorkerUtils({
      connectionString: url,
      schema: GRAPHILE_SCHEMA,
      logger: quietGraphileLogger,
    });
    await utils.migrate();
    return new GraphileDriver(url, utils, new pg.Pool({ connectionString: url, max: 2 }), flushOnStop);
  }
  get utils(): WorkerUtils {
    return this.#utils;
  }
  async prepare(): Promise<void> {}
  async enqueueMany(name: string, payloads: StepPayload[]): Promise<void> {
    for (let i = 0; i < payloads.length; i += 1000) {
      await this.#utils.addJobs(
        payloads.slice(i, i + 1000).map((p) => ({ identifier: name, payload: p, jobKey: p.key })),
      );
    }
  }
  async enqueueOne(name: string, payload: StepPayload): Promise<boolean> {
    const job = await this.#utils.addJob(name, payload, { jobKey: payload.key, jobKeyMode: "unsafe_dedupe" });
    // unsafe_dedupe returns the existing row (revision bumped) when the key is taken.
    return job.revision === 0;
  }
  async startWorker(name: string, jobConcurrency: number, handler: StepHandler): Promise<RunningWorker> {
    const events: WorkerEvents = new EventEmitter();
    let poolId: string | null = null;
    events.on("pool:create", ({ workerPool }) => {
      poolId = workerPool.id;
    });
    const runner: Runner = await run({
      connectionString: this.#url,
      maxPoolSize: POOL_MAX,
      schema: GRAPHILE_SCHEMA,
      ...(this.#flushOnStop ? { preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } } } : {}),
      concurrency: jobConcurrency,
      noHandleSignals: true,
      logger: quietGraphileLogger,
      events,
      taskList: {
        [name]: async (payload, helpers) => {
          if (!isStepPayload(payload)) throw new Error("unexpected payload");
          await handler(payload, helpers.job.id);
        },
      },
    });
    return { poolId, stop: () => runner.stop() };
  }
  async heldJobs(name: string): Promise<Array<{ id: string; holder: string | null }>> {
    const { rows } = await this.#sql.query<{ id: string; locked_by: string | null }>(
      `select id::text as id, locked_by from ${GRAPHILE_SCHEMA}.jobs where task_identifier = $1 and locked_at is not null`,
      [name],
    );
    return rows.map((r) => ({ id: r.id, holder: r.locked_by }));
  }
  async countByKey(name: string, key: string): Promise<number> {
    const { rows } = await this.#sql.query<{ n: number }>(
      `select count(*)::int as n from ${GRAPHILE_SCHEMA}.jobs where task_identifier = $1 and key = $2`,
      [name, key],
    );
    return rows[0]?.n ?? 0;
  }
  async close(): Promise<void> {
    await this.#utils.release();
    await this.#sql.end();
  }
}

async function openDriver(
  kind: QueueKind,
  url: string,
  pgbossPolling: number,
  graphileFlushOnStop = false,
): Promise<Driver> {
  return kind === "pgboss" ? PgBossDriver.open(url, pgbossPolling) : GraphileDriver.open(url, graphileFlushOnStop);
}

// ---------------------------------------------------------------------------
// Child process: the worker part of scenarios c and d

interface ChildConfig {
  queue: QueueKind;
  url: string;
  name: string;
  jobConcurrency: number;
  callLimit: number;
  seed: number;
  pgbossPolling: number;
  /** graphile-worker: completeJobBatchDelay/failJobBatchDelay 0 (see GraphileDriver). */
  graphileFlushOnStop?: boolean;
  /** Report every job start (crash scenario). */
  reportStarts: boolean;
}

type ParentMessage = { type: "go" } | { type: "stop" };
type ChildMessage =
  | { type: "ready"; at: number }
  | { type: "pool"; poolId: string }
  | { type: "start"; id: string; inFlight: number; at: number }
  | { type: "progress"; jobs: number }
  | { type: "stopping"; inFlight: number; started: number }
  | { type: "summary"; summary: RecorderSummary };

function isParentMessage(m: unknown): m is ParentMessage {
  return typeof m === "object" && m !== null && "type" in m && (m.type === "go" || m.type === "stop");
}

function isChildMessage(m: unknown): m is ChildMessage {
  return typeof m === "object" && m !== null && "type" in m && typeof m.type === "string";
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function childMain(config: ChildConfig): Promise<void> {
  const driver = await openDriver(config.queue, config.url, config.pgbossPolling, config.graphileFlushOnStop === true);
  const recorder = new Recorder();
  const handler = makeStepHandler({
    seed: config.seed,
    semaphore: new Semaphore(config.callLimit),
    recorder,
    enqueue: async (p) => {
      await driver.enqueueOne(config.name, p);
    },
    onStart: config.reportStarts
      ? (id) => send({ type: "start", id, inFlight: recorder.inFlight, at: Date.now() })
      : undefined,
  });
  let worker: RunningWorker | null = null;
  const progress = setInterval(() => send({ type: "progress", jobs: recorder.jobs }), 200);
  process.on("message", (message: unknown) => {
    if (!isParentMessage(message)) return;
    if (message.type === "go") {
      void driver.startWorker(config.name, config.jobConcurrency, handler).then((w) => {
        worker = w;
        if (w.poolId) send({ type: "pool", poolId: w.poolId });
      });
    } else {
      send({ type: "stopping", inFlight: recorder.inFlight, started: recorder.pickups.length });
      void (async () => {
        clearInterval(progress);
        // pg-boss: stop() with the worker still registered is the graceful
        // process shutdown (waits for in-flight handlers up to `timeout`).
        if (!(driver instanceof PgBossDriver)) await worker?.stop();
        await driver.close();
        send({ type: "summary", summary: recorder.summary() });
        process.disconnect?.();
      })();
    }
  });
  send({ type: "ready", at: Date.now() });
}

class ChildWorker {
  readonly process: ChildProcess;
  jobs = 0;
  poolId: string | null = null;
  readonly starts: Array<{ id: string; at: number }> = [];
  maxInFlight = 0;
  stopping: { inFlight: number; started: number } | null = null;
  #summary: Promise<RecorderSummary>;
  #ready: Promise<number>;
  constructor(config: ChildConfig) {
    this.process = fork(fileURLToPath(import.meta.url), ["--child", JSON.stringify(config)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let resolveReady: (at: number) => void = () => {};
    let resolveSummary: (s: RecorderSummary) => void = () => {};
    this.#ready = new Promise((r) => (resolveReady = r));
    this.#summary = new Promise((r) => (resolveSummary = r));
    this.process.on("message", (message: unknown) => {
      if (!isChildMessage(message)) return;
      switch (message.type) {
        case "ready":
          resolveReady(message.at);
          break;
        case "pool":
          this.poolId = message.poolId;
          break;
        case "start":
          this.starts.push({ id: message.id, at: message.at });
          this.maxInFlight = Math.max(this.maxInFlight, message.inFlight);
          break;
        case "progress":
          this.jobs = message.jobs;
          break;
        case "stopping":
          this.stopping = { inFlight: message.inFlight, started: message.started };
          break;
        case "summary":
          resolveSummary(message.summary);
          break;
      }
    });
  }
  ready(): Promise<number> {
    return this.#ready;
  }
  go(): void {
    this.process.send({ type: "go" } satisfies ParentMessage);
  }
  async stop(): Promise<RecorderSummary> {
    this.process.send({ type: "stop" } satisfies ParentMessage);
    return this.#summary;
  }
  kill(): void {
    this.process.kill("SIGKILL");
  }
}

// ---------------------------------------------------------------------------
// Measurements

interface Row {
  queue: QueueKind;
  scenario: string;
  jobs: number;
  jobConcurrency: string;
  callLimit: number;
  seconds: number;
  jobsPerSecond: number;
  callsPerSecond: number;
  ratio: number;
  avgCallsInFlight: number;
  pickupP50: number | null;
  pickupP95: number | null;
  share: string;
  capped: boolean;
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function rowFrom(args: {
  queue: QueueKind;
  scenario: string;
  jobConcurrency: string;
  callLimit: number;
  summaries: RecorderSummary[];
  capped: boolean;
  share?: string;
}): Row {
  const { summaries } = args;
  const jobs = summaries.reduce((s, x) => s + x.jobs, 0);
  const calls = summaries.reduce((s, x) => s + x.calls, 0);
  const callMs = summaries.reduce((s, x) => s + x.callMs, 0);
  const first = Math.min(...summaries.map((s) => s.firstStart));
  const last = Math.max(...summaries.map((s) => s.lastEnd));
  const seconds = Math.max(0.001, (last - first) / 1000);
  const callsPerSecond = calls / seconds;
  const pickups = summaries.flatMap((s) => s.pickups);
  return {
    queue: args.queue,
    scenario: args.scenario,
    jobs,
    jobConcurrency: args.jobConcurrency,
    callLimit: args.callLimit,
    seconds,
    jobsPerSecond: jobs / seconds,
    callsPerSecond,
    ratio: callsPerSecond / (args.callLimit / (CALL_MEAN_MS / 1000)),
    avgCallsInFlight: callMs / (seconds * 1000),
    pickupP50: percentile(pickups, 50),
    pickupP95: percentile(pickups, 95),
    share: args.share ?? "",
    capped: args.capped,
  };
}

/** Upper bound for one run: 1.6× its ideal duration, at least 20 s. */
function capMs(jobs: number, callLimit: number): number {
  return Math.max(20_000, 1.6 * ((jobs * CALLS_PER_JOB * CALL_MEAN_MS) / callLimit));
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) return false;
    await sleep(25);
  }
  return true;
}

let runCounter = 0;
function runName(queue: QueueKind, label: string): string {
  runCounter++;
  return `bench_${queue}_${label.replace(/[^a-z0-9]+/gi, "_")}_${runCounter}`;
}

/** Scenarios a and b: one process, workers and enqueuer in this process. */
async function inProcessRun(args: {
  driver: Driver;
  label: string;
  lineages: number;
  steps: number;
  jobConcurrency: number;
  callLimit: number;
  seed: number;
}): Promise<{ row: Row; enqueueSeconds: number }> {
  const { driver, lineages, steps, jobConcurrency, callLimit, seed } = args;
  const name = runName(driver.kind, args.label);
  await driver.prepare(name);
  const total = lineages * steps;
  const t = performance.now();
  await driver.enqueueMany(
    name,
    Array.from({ length: lineages }, (_, i) => firstStep(name, i, steps)),
  );
  const enqueueSeconds = (performance.now() - t) / 1000;
  const recorder = new Recorder();
  const handler = makeStepHandler({
    seed,
    semaphore: new Semaphore(callLimit),
    recorder,
    enqueue: async (p) => {
      await driver.enqueueOne(name, p);
    },
  });
  const worker = await driver.startWorker(name, jobConcurrency, handler);
  const finished = await waitFor(() => recorder.jobs >= total, capMs(total, callLimit));
  await worker.stop();
  const row = rowFrom({
    queue: driver.kind,
    scenario: args.label,
    jobConcurrency: String(jobConcurrency),
    callLimit,
    summaries: [recorder.summary()],
    capped: !finished,
  });
  return { row, enqueueSeconds };
}

/** Scenario c: two child processes share the jobs. */
async function twoProcessRun(args: {
  driver: Driver;
  url: string;
  jobs: number;
  callLimit: number;
  seed: number;
  pgbossPolling: number;
}): Promise<Row> {
  const { driver, url, jobs, callLimit, seed, pgbossPolling } = args;
  const name = runName(driver.kind, "c");
  await driver.prepare(name);
  await driver.enqueueMany(
    name,
    Array.from({ length: jobs }, (_, i) => firstStep(name, i, 1)),
  );
  const perProcessCalls = Math.floor(callLimit / 2);
  const perProcessJobs = Math.round(perProcessCalls * 1.5);
  const config: ChildConfig = {
    queue: driver.kind,
    url,
    name,
    jobConcurrency: perProcessJobs,
    callLimit: perProcessCalls,
    seed,
    pgbossPolling,
    reportStarts: false,
  };
  const children = [new ChildWorker(config), new ChildWorker(config)];
  await Promise.all(children.map((c) => c.ready()));
  for (const c of children) c.go();
  const finished = await waitFor(() => children[0].jobs + children[1].jobs >= jobs, capMs(jobs, callLimit) + 5_000);
  const summaries = await Promise.all(children.map((c) => c.stop()));
  const total = summaries[0].jobs + summaries[1].jobs;
  const share = summaries.map((s) => `${((100 * s.jobs) / Math.max(1, total)).toFixed(1)}%`).join(" / ");
  return rowFrom({
    queue: driver.kind,
    scenario: "c two processes",
    jobConcurrency: `2×${perProcessJobs}`,
    callLimit,
    summaries,
    capped: !finished,
    share,
  });
}

interface CrashResult {
  queue: QueueKind;
  stranded: number;
  restartSeconds: number;
  firstRerunSeconds: number | null;
  allRerunSeconds: number | null;
  rerun: number;
  waitedSeconds: number;
  note: string;
  /** graphile-worker only: the same measurement after forceUnlockWorkers([crashed pool id]). */
  afterUnlock?: { firstRerunSeconds: number | null; allRerunSeconds: number | null; rerun: number };
}

/** Scenario d: SIGKILL a worker with jobs in flight; time until they run again. */
async function crashRun(args: {
  driver: Driver;
  url: string;
  callLimit: number;
  seed: number;
  pgbossPolling: number;
}): Promise<CrashResult> {
  const { driver, url, callLimit, seed, pgbossPolling } = args;
  const name = runName(driver.kind, "d");
  await driver.prepare(name);
  const jobs = callLimit * 4;
  await driver.enqueueMany(
    name,
    Array.from({ length: jobs }, (_, i) => firstStep(name, i, 1)),
  );
  const config: ChildConfig = {
    queue: driver.kind,
    url,
    name,
    jobConcurrency: callLimit,
    callLimit,
    seed,
    pgbossPolling,
    reportStarts: true,
  };
  const first = new ChildWorker(config);
  await first.ready();
  first.go();
  await waitFor(() => first.maxInFlight >= callLimit, 30_000);
  await sleep(150); // mid-call, not mid-fetch
  first.kill();
  const killedAt = Date.now();
  await new Promise<void>((resolve) => first.process.once("exit", () => resolve()));
  const strandedRows = await driver.heldJobs(name);
  const stranded = new Set(strandedRows.map((j) => j.id));
  const crashedPool = first.poolId ?? strandedRows.find((j) => j.holder)?.holder ?? null;

  const second = new ChildWorker(config);
  const readyAt = await second.ready();
  second.go();
  const rerunTimes = (): number[] => second.starts.filter((s) => stranded.has(s.id)).map((s) => s.at);
  const waitLimit = driver.kind === "pgboss" ? 60_000 : 12_000;
  await waitFor(() => rerunTimes().length >= stranded.size, waitLimit);
  const times = rerunTimes();
  const result: CrashResult = {
    queue: driver.kind,
    stranded: stranded.size,
    restartSeconds: (readyAt - killedAt) / 1000,
    firstRerunSeconds: times.length ? (Math.min(...times) - killedAt) / 1000 : null,
    allRerunSeconds: times.length >= stranded.size && times.length > 0 ? (Math.max(...times) - killedAt) / 1000 : null,
    rerun: new Set(second.starts.filter((s) => stranded.has(s.id)).map((s) => s.id)).size,
    waitedSeconds: (Date.now() - killedAt) / 1000,
    note: "",
  };
  if (driver instanceof PgBossDriver) {
    result.note = `heartbeatSeconds ${PGBOSS_QUEUE.heartbeatSeconds}, supervise/monitor every 2 s, retryLimit ${PGBOSS_QUEUE.retryLimit}, retryDelay ${PGBOSS_QUEUE.retryDelay} s${PGBOSS_QUEUE.retryBackoff ? " with backoff" : ""}`;
  } else if (driver instanceof GraphileDriver) {
    const stillLocked = (await driver.heldJobs(name)).filter((j) => stranded.has(j.id)).length;
    result.note = `${stillLocked} still locked after ${result.waitedSeconds.toFixed(0)} s (released by the 4 h lock timeout)`;
    if (crashedPool) {
      const unlockAt = Date.now();
      await driver.utils.forceUnlockWorkers([crashedPool]);
      await waitFor(() => rerunTimes().length >= stranded.size, 20_000);
      const after = rerunTimes();
      result.afterUnlock = {
        firstRerunSeconds: after.length ? (Math.min(...after) - unlockAt) / 1000 : null,
        allRerunSeconds:
          after.length >= stranded.size && after.length > 0 ? (Math.max(...after) - unlockAt) / 1000 : null,
        rerun: new Set(second.starts.filter((s) => stranded.has(s.id)).map((s) => s.id)).size,
      };
    }
  }
  await second.stop();
  return result;
}

interface GracefulResult {
  queue: string;
  /** Jobs started when the stop was requested, and whether they were still running. */
  startedBeforeStop: number;
  runningAtStop: number;
  finished: number;
  started: number;
  held: number;
  stopSeconds: number;
}

/** Scenario d, second part: a graceful stop with jobs in flight lets them finish. */
async function gracefulRun(args: {
  driver: Driver;
  url: string;
  callLimit: number;
  seed: number;
  pgbossPolling: number;
  graphileFlushOnStop?: boolean;
}): Promise<GracefulResult> {
  const { driver, url, callLimit, seed, pgbossPolling, graphileFlushOnStop } = args;
  const name = runName(driver.kind, "d_graceful");
  await driver.prepare(name);
  await driver.enqueueMany(
    name,
    Array.from({ length: callLimit * 4 }, (_, i) => firstStep(name, i, 1)),
  );
  const child = new ChildWorker({
    queue: driver.kind,
    url,
    name,
    jobConcurrency: callLimit,
    callLimit,
    seed,
    pgbossPolling,
    graphileFlushOnStop,
    reportStarts: true,
  });
  await child.ready();
  child.go();
  await waitFor(() => child.maxInFlight >= callLimit, 30_000);
  await sleep(150);
  const t = Date.now();
  const summary = await child.stop();
  const stopSeconds = (Date.now() - t) / 1000;
  return {
    queue:
      driver.kind === "graphile"
        ? `graphile (${graphileFlushOnStop ? "completeJobBatchDelay 0" : "defaults"})`
        : driver.kind,
    startedBeforeStop: child.stopping?.started ?? -1,
    runningAtStop: child.stopping?.inFlight ?? -1,
    started: summary.pickups.length,
    finished: summary.jobs,
    held: (await driver.heldJobs(name)).length,
    stopSeconds,
  };
}

interface DedupeResult {
  queue: QueueKind;
  lines: string[];
}

/** Scenario e: the same step key twice → one job. */
async function dedupeRun(driver: Driver): Promise<DedupeResult> {
  const name = runName(driver.kind, "e");
  await driver.prepare(name);
  const lines: string[] = [];
  const p = firstStep(name, 0, 1);
  const a = await driver.enqueueOne(name, p);
  const b = await driver.enqueueOne(name, { ...p, enqueuedAt: Date.now() });
  lines.push(`queued twice: accepted ${a}/${b}, jobs with the key: ${await driver.countByKey(name, p.key)}`);

  // Run it, then enqueue the same key again.
  const recorder = new Recorder();
  const worker = await driver.startWorker(
    name,
    1,
    makeStepHandler({ seed: 1, semaphore: new Semaphore(1), recorder, enqueue: async () => {} }),
  );
  await waitFor(() => recorder.jobs >= 1, 10_000);
  await sleep(300);
  await worker.stop();
  const c = await driver.enqueueOne(name, { ...p, enqueuedAt: Date.now() });
  lines.push(
    `after it ran: third enqueue accepted ${c}, runs so far ${recorder.jobs}, rows with the key: ${await driver.countByKey(name, p.key)}`,
  );

  if (driver instanceof PgBossDriver) {
    // The app's keying (lib/server/jobs/step-job.ts): a fresh job id, the step as singletonKey.
    const ex = runName("pgboss", "e_exclusive");
    await driver.boss.createQueue(ex, { ...PGBOSS_QUEUE });
    const k = `${ex}:step`;
    const s1 = await driver.boss.send(ex, { k }, { singletonKey: k });
    const s2 = await driver.boss.send(ex, { k }, { singletonKey: k });
    lines.push(
      `${PGBOSS_QUEUE.policy} queue + singletonKey only (as the app enqueues): ids ${s1 ? "new" : "null"}/${s2 ? "new" : "null"} (dedupes while queued or active, not after completion)`,
    );
  } else if (driver instanceof GraphileDriver) {
    const k = `${name}:replace`;
    const j1 = await driver.utils.addJob(name, { ...p, key: k }, { jobKey: k });
    const j2 = await driver.utils.addJob(name, { ...p, key: k }, { jobKey: k });
    lines.push(
      `default jobKeyMode 'replace': same row ${j1.id === j2.id} (revision ${j2.revision}); per add_jobs' SQL (not exercised here) a locked (running) keyed job is not replaced: its key is cleared and a second job added`,
    );
    await driver.utils.completeJobs([j2.id]);
  }
  return { queue: driver.kind, lines };
}

// ---------------------------------------------------------------------------
// Output

function fmt(n: number | null, digits = 0): string {
  return n === null ? "–" : n.toFixed(digits);
}

function printTable(rows: Row[]): void {
  const header = [
    "queue",
    "scenario",
    "jobs",
    "job conc.",
    "call limit",
    "wall s",
    "jobs/s",
    "calls/s",
    "ratio",
    "avg calls in flight",
    "pickup p50 ms",
    "pickup p95 ms",
    "share",
  ];
  const body = rows.map((r) => [
    r.queue,
    r.scenario + (r.capped ? " (capped)" : ""),
    String(r.jobs),
    r.jobConcurrency,
    String(r.callLimit),
    fmt(r.seconds, 1),
    fmt(r.jobsPerSecond, 1),
    fmt(r.callsPerSecond, 1),
    fmt(r.ratio, 3),
    fmt(r.avgCallsInFlight, 1),
    fmt(r.pickupP50),
    fmt(r.pickupP95),
    r.share,
  ]);
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const line of body) console.log(`| ${line.join(" | ")} |`);
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const { openBenchDatabase } = await import("./bench-database");
  const db = await openBenchDatabase();
  const rows: Row[] = [];
  const notes: string[] = [];
  const crashes: CrashResult[] = [];
  const dedupes: DedupeResult[] = [];
  const graceful: GracefulResult[] = [];
  const { jobs, concurrency: callLimit, seed } = options;
  const high = Math.round(callLimit * 1.5);
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  console.log(
    `bench-queue: ${jobs} jobs, ${CALLS_PER_JOB} calls of ${CALL_MEAN_MS} ms ± 50 % each, ${callLimit} calls in flight at most (ideal ${(callLimit / (CALL_MEAN_MS / 1000)).toFixed(0)} calls/s), seed ${seed}, pg-boss pollingIntervalSeconds ${options.pgbossPolling}`,
  );
  try {
    for (const kind of options.queues) {
      const driver = await openDriver(kind, db.url, options.pgbossPolling);
      try {
        if (options.scenarios.has("a")) {
          // 1.5× job concurrency at full size, 1× at a quarter size (to bound run time).
          for (const [jobConcurrency, n] of [
            [high, jobs],
            [callLimit, Math.ceil(jobs / 4)],
          ]) {
            const { row, enqueueSeconds } = await inProcessRun({
              driver,
              label: "a bulk",
              lineages: n,
              steps: 1,
              jobConcurrency,
              callLimit,
              seed,
            });
            rows.push(row);
            notes.push(
              `${kind} a bulk (job conc. ${jobConcurrency}): enqueued ${n} jobs in ${enqueueSeconds.toFixed(2)} s (batches of 1000)`,
            );
            console.log(`  [${elapsed()}] ${kind} a bulk c=${jobConcurrency}: ratio ${row.ratio.toFixed(3)}`);
          }
        }
        if (options.scenarios.has("b")) {
          const lineages = Math.ceil(jobs / STEPS_PER_LINEAGE);
          for (const [jobConcurrency, l] of [
            [high, lineages],
            [callLimit, Math.ceil(lineages / 4)],
          ]) {
            const { row } = await inProcessRun({
              driver,
              label: "b chained",
              lineages: l,
              steps: STEPS_PER_LINEAGE,
              jobConcurrency,
              callLimit,
              seed,
            });
            rows.push(row);
            console.log(
              `  [${elapsed()}] ${kind} b chained c=${jobConcurrency}: ratio ${row.ratio.toFixed(3)}, pickup p50 ${fmt(row.pickupP50)} ms`,
            );
          }
          // Unsaturated: half as many lineages as call slots, so a ready job
          // always finds an idle worker and pickup latency is the library's own.
          const probe = await inProcessRun({
            driver,
            label: "b probe (unsaturated)",
            lineages: Math.floor(callLimit / 2),
            steps: 8,
            jobConcurrency: high,
            callLimit,
            seed,
          });
          rows.push(probe.row);
          console.log(
            `  [${elapsed()}] ${kind} b probe: pickup p50 ${fmt(probe.row.pickupP50)} ms p95 ${fmt(probe.row.pickupP95)} ms`,
          );
        }
        if (options.scenarios.has("c")) {
          const row = await twoProcessRun({
            driver,
            url: db.url,
            jobs,
            callLimit,
            seed,
            pgbossPolling: options.pgbossPolling,
          });
          rows.push(row);
          console.log(`  [${elapsed()}] ${kind} c two processes: ratio ${row.ratio.toFixed(3)}, share ${row.share}`);
        }
        if (options.scenarios.has("d")) {
          const crash = await crashRun({ driver, url: db.url, callLimit, seed, pgbossPolling: options.pgbossPolling });
          crashes.push(crash);
          graceful.push(
            await gracefulRun({ driver, url: db.url, callLimit, seed, pgbossPolling: options.pgbossPolling }),
          );
          if (kind === "graphile") {
            graceful.push(
              await gracefulRun({
                driver,
                url: db.url,
                callLimit,
                seed,
                pgbossPolling: options.pgbossPolling,
                graphileFlushOnStop: true,
              }),
            );
          }
          console.log(
            `  [${elapsed()}] ${kind} d crash: ${crash.stranded} stranded, all re-run after ${fmt(crash.allRerunSeconds, 1)} s`,
          );
        }
        if (options.scenarios.has("e")) {
          dedupes.push(await dedupeRun(driver));
        }
      } finally {
        await driver.close();
      }
    }
  } finally {
    await db.close();
  }

  console.log("");
  console.log(
    `## Throughput (ratio = calls/s ÷ ${(callLimit / (CALL_MEAN_MS / 1000)).toFixed(0)}; pickup = enqueue → handler start)`,
  );
  printTable(rows);
  for (const note of notes) console.log(`- ${note}`);
  if (crashes.length) {
    console.log("");
    console.log("## Crash (SIGKILL with jobs in flight, new worker started at once; times from the kill)");
    console.log("| queue | stranded | new worker ready s | first re-run s | all re-run s | re-run | note |");
    console.log("|---|---|---|---|---|---|---|");
    for (const c of crashes) {
      console.log(
        `| ${c.queue} | ${c.stranded} | ${fmt(c.restartSeconds, 1)} | ${fmt(c.firstRerunSeconds, 1)} | ${fmt(c.allRerunSeconds, 1)} | ${c.rerun}/${c.stranded} | ${c.note} |`,
      );
      if (c.afterUnlock) {
        console.log(
          `| ${c.queue} + forceUnlockWorkers | ${c.stranded} | | ${fmt(c.afterUnlock.firstRerunSeconds, 1)} (from unlock) | ${fmt(c.afterUnlock.allRerunSeconds, 1)} (from unlock) | ${c.afterUnlock.rerun}/${c.stranded} | crashed pool id known to the caller |`,
        );
      }
    }
  }
  if (graceful.length) {
    console.log("");
    console.log(
      "## Graceful stop with jobs in flight (pg-boss: boss.stop({ graceful: true, timeout: 10000 }); graphile-worker: runner.stop())",
    );
    console.log(
      "| queue | running at stop | finished of started | jobs still held (active / locked) after stop | stop took s |",
    );
    console.log("|---|---|---|---|---|");
    for (const g of graceful) {
      console.log(
        `| ${g.queue} | ${g.runningAtStop} | ${g.finished}/${g.started} (started before stop: ${g.startedBeforeStop}) | ${g.held} | ${fmt(g.stopSeconds, 1)} |`,
      );
    }
  }
  if (dedupes.length) {
    console.log("");
    console.log("## Dedupe by step key");
    for (const d of dedupes) for (const line of d.lines) console.log(`- ${d.queue}: ${line}`);
  }
  console.log("");
  console.log(`total ${elapsed()}`);
}

function isChildConfig(value: unknown): value is ChildConfig {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.queue === "pgboss" || v.queue === "graphile") &&
    typeof v.url === "string" &&
    typeof v.name === "string" &&
    typeof v.jobConcurrency === "number" &&
    typeof v.callLimit === "number" &&
    typeof v.seed === "number" &&
    typeof v.pgbossPolling === "number" &&
    (v.graphileFlushOnStop === undefined || typeof v.graphileFlushOnStop === "boolean") &&
    typeof v.reportStarts === "boolean"
  );
}

const childIndex = process.argv.indexOf("--child");
if (childIndex >= 0) {
  const raw: unknown = JSON.parse(process.argv[childIndex + 1] ?? "{}");
  if (!isChildConfig(raw)) throw new Error("bad child config");
  childMain(raw).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
