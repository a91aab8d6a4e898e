// `npm run bench:adaptive`: adaptive concurrency against a rate-limited server.
//
// A simulator (200 ms ± 20 %) that takes only N = 16 requests at once and
// answers 429 (Retry-After 1 s) above that runs in this process, as the
// provider; the steps run in a real worker (`npm run worker`, a child process,
// as in production) configured for 4 × N: LLM_CONCURRENCY=64 (job concurrency
// 96), against a throw-away embedded Postgres (or BENCH_DATABASE_URL). A run
// of BENCH_SEEDS (600) seeds × 2 rounds × 3 calls (evolve, answer, judge), one
// model name for every role (the simulator's limit is per server; the limit
// is learnt per endpoint and model).
//
// Ideal: N / L = 16 / 0.2 s = 80 calls/s. Ratio = answered calls ÷ the run's
// wall time (started → finished) ÷ 80. Targets: ratio ≥ 0.9, 429s < 2 % of
// requests. BENCH_REFERENCE=1 runs the same with the server unlimited and
// LLM_CONCURRENCY=N, for comparison on the same machine. Also printed: the
// mean in flight at the server (50 ms samples, first and last half second
// left out) and the worker's limit as it recorded it (llm_concurrency).
import { openBenchDatabase } from "./bench-database";
import { WorkerChild } from "./worker-child";

const N = 16;
const LATENCY_MS = 200;
const SEEDS = Number(process.env.BENCH_SEEDS ?? "600");
const ROUNDS = 2;
const TARGET_RATIO = 0.9;
const TARGET_REFUSED = 0.02;
const MODEL = "sim-limited";
/** BENCH_REFERENCE=1: the same run, the server unlimited and LLM_CONCURRENCY=N (what a hand-tuned setting gets). */
const REFERENCE = process.env.BENCH_REFERENCE === "1";
if (!Number.isInteger(SEEDS) || SEEDS < 1) throw new Error("BENCH_SEEDS must be a positive integer");

async function main() {
  const db = await openBenchDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.LLM_CONCURRENCY = String(REFERENCE ? N : 4 * N);
  const { createSimulator } = await import("@/lib/simulator/create-simulator");
  const simulator = await createSimulator({
    latencyMs: LATENCY_MS,
    jitter: 0.2,
    maxInFlight: REFERENCE ? 0 : N,
    retryAfterSeconds: 1,
  });
  process.env.SIMULATOR_URL = simulator.url;
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { prepareQueue } = await import("@/lib/server/jobs/prepare-queue");
  const { stopBoss } = await import("@/lib/server/jobs/boss");
  const { startRun } = await import("@/lib/server/runs/start-run");
  const { OPERATIONS } = await import("@/lib/evolution/operations");
  const prisma = getPrisma();
  let failed = false;
  try {
    await prepareQueue(db.url);
    const worker = new WorkerChild({
      label: "worker",
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        SIMULATOR_URL: simulator.url,
        LLM_CONCURRENCY: process.env.LLM_CONCURRENCY,
        EVOL_WORKER_CONCURRENCY: String(6 * N),
      },
    });
    await worker.ready();
    const user = await prisma.user.create({
      data: { id: "bench-admin", name: "Bench", email: "bench@example.com", role: "admin" },
    });
    const project = await prisma.project.create({ data: { name: "bench adaptive" } });
    await prisma.$executeRaw`
      WITH ids AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, ${SEEDS}) g)
      INSERT INTO nodes (id, project_id, root_id, round, instruction, content_hash)
      SELECT id, ${project.id}::uuid, id, 0, 'Explain topic number ' || g || ' to a curious student.', md5(g::text) FROM ids`;
    const models = { evolve: MODEL, answer: MODEL, judge: MODEL, difficulty: MODEL };
    const run = await startRun({
      projectId: project.id,
      name: "",
      seedQuery: "",
      rounds: ROUNDS,
      branching: 1,
      mode: "continuous",
      weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as Parameters<typeof startRun>[0]["weights"],
      rules: { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true, duplicate: false },
      scoreDifficulty: false,
      batch: false,
      endpoint: "simulator",
      models,
      actorId: user.id,
    });
    // The server's in flight, sampled: how much of N the limit keeps busy, whatever the machine's speed.
    const samples: number[] = [];
    const limitSamples: number[] = [];
    const sampler = setInterval(() => samples.push(simulator.stats().inFlight), 50);
    // The worker writes its limit at most every 2 s (lib/server/llm/concurrency-limits.ts).
    const limitSampler = setInterval(() => {
      void prisma.llmConcurrency
        .findFirst({ where: { model: MODEL } })
        .then((row) => (row ? limitSamples.push(row.limit) : undefined));
    }, 500);
    const deadline = Date.now() + 600_000;
    let done = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    while (!["completed", "failed", "stalled", "cancelled"].includes(done.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      done = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    }
    clearInterval(sampler);
    clearInterval(limitSampler);
    await worker.stop();
    const busy = samples.slice(10, -10);
    const meanInFlight = busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length);
    const meanLimit = limitSamples.reduce((a, b) => a + b, 0) / Math.max(1, limitSamples.length);
    const stats = simulator.stats();
    const failedSteps = await prisma.runStep.count({ where: { runId: run.id, status: { not: "done" } } });
    // A run that did not finish within the deadline is measured to now (and fails below).
    const seconds = ((done.finishedAt ?? new Date()).getTime() - done.startedAt!.getTime()) / 1000;
    const ideal = N / (LATENCY_MS / 1000);
    const ratio = stats.completed / seconds / ideal;
    const refused = stats.rejectedInFlight / stats.requests;
    const limits = await prisma.llmConcurrency.findMany();
    console.log(
      `bench-adaptive${REFERENCE ? " (reference: server unlimited)" : ""}: N=${N} in flight at the server, LLM_CONCURRENCY=${process.env.LLM_CONCURRENCY}, latency ${LATENCY_MS} ms; ` +
        `run ${done.status}, ${failedSteps} steps not done`,
    );
    console.log(
      `  ${stats.completed} calls answered in ${seconds.toFixed(1)} s = ${(stats.completed / seconds).toFixed(1)} calls/s; ` +
        `ideal N/L = ${ideal} calls/s; ratio ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO})`,
    );
    console.log(
      `  ${stats.rejectedInFlight} of ${stats.requests} requests refused with 429 = ${(100 * refused).toFixed(2)} % ` +
        `(target < ${100 * TARGET_REFUSED} %); mean in flight at the server ${meanInFlight.toFixed(1)} of N=${N}, mean limit ${meanLimit.toFixed(1)}; peak at the server ${stats.maxInFlight}; ` +
        `limit at the end ${limits.map((l) => `${l.limit} of ${l.max}`).join(", ")}`,
    );
    failed = done.status !== "completed" || failedSteps > 0 || ratio < TARGET_RATIO || refused >= TARGET_REFUSED;
    console.log(failed ? "bench-adaptive: FAIL" : "bench-adaptive: PASS");
  } finally {
    await stopBoss().catch(() => {});
    await disconnectPrisma().catch(() => {});
    await simulator.close();
    await db.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
