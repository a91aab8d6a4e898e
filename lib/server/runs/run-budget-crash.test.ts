// A capped run's reservations survive a worker crash: a real `npm run worker`
// process is SIGKILLed while it holds calls in flight, and a second one
// finishes the run. What the dead worker held must not stay held (the run
// would stop short of its cap for ever), and what it was billed for and stored
// must be counted once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { startWorkerProcess, type WorkerProcess } from "@/tests/fixtures/worker-process";
import { setupTestDatabase } from "@/tests/setup/test-database";

const SEEDS = 24;
const ROUNDS = 2;
const CAP = 2_000_000;

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("./start-run");
const { stopBoss } = await import("@/lib/server/jobs/boss");

let simulator: Simulator;
let admin: TestUser;
const workers: WorkerProcess[] = [];

function startWorker(name: string): WorkerProcess {
  const worker = startWorkerProcess({
    name,
    env: { DATABASE_URL: url, SIMULATOR_URL: simulator.url, LLM_CONCURRENCY: "16", EVOL_JOB_HEARTBEAT_SECONDS: "10" },
  });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 300, jitter: 0.3, seed: "budget-crash-test" });
  admin = await createTestUser("admin");
});

afterAll(async () => {
  const results = await Promise.allSettled(workers.map((w) => w.kill("SIGKILL")));
  await stopBoss();
  await simulator?.close();
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
});

async function held(runId: string) {
  const run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
  const rows = await getPrisma().runReservation.count({ where: { runId } });
  return { rows, reservedTokens: Number(run.reservedTokens), spentTokens: Number(run.spentTokens) };
}

describe("spending cap and worker crash", () => {
  it("settles what a SIGKILLed worker held when its steps run again: nothing stays reserved, every stored reply is counted once", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: SEEDS, actorId: admin.id });
    const a = startWorker("A");
    await a.ready(30_000);
    const run = await startRun({
      ...simulatorRunOptions(project.id, { rounds: ROUNDS, maxTokens: CAP }),
      actorId: admin.id,
    });

    // Kill A while it holds reservations for calls at the simulator.
    const deadline = Date.now() + 30_000;
    let atKill = await held(run.id);
    while (!(atKill.rows >= 4 && simulator.stats().inFlight >= 4)) {
      if (Date.now() > deadline) throw new Error(`A never held 4 calls: ${JSON.stringify(atKill)}\n${a.output()}`);
      await new Promise((r) => setTimeout(r, 5));
      atKill = await held(run.id);
    }
    await a.kill("SIGKILL");
    const left = await held(run.id);
    expect(left.rows).toBeGreaterThan(0);
    expect(left.reservedTokens).toBeGreaterThan(0);

    const b = startWorker("B");
    await b.ready(30_000);
    const finished = await waitForRunStatus(run.id, ["completed"], 90_000);
    expect(finished.status).toBe("completed");
    expect(await prisma.runStep.count({ where: { runId: run.id, status: "done" } })).toBe(SEEDS * ROUNDS);

    const after = await held(run.id);
    expect({ rows: after.rows, reservedTokens: after.reservedTokens }).toEqual({ rows: 0, reservedTokens: 0 });
    const stored = await prisma.llmCall.aggregate({
      where: { runId: run.id, outcome: "ok" },
      _sum: { promptTokens: true, completionTokens: true },
    });
    const storedTokens = (stored._sum.promptTokens ?? 0) + (stored._sum.completionTokens ?? 0);
    expect(after.spentTokens).toBe(storedTokens);
    // Replies A was billed for but died before storing are the only spend the run cannot see.
    const billed = Object.entries(simulator.stats().tokensByRequestKey)
      .filter(([key]) => key.startsWith(run.id))
      .flatMap(([, replies]) => replies)
      .reduce((sum, r) => sum + r.prompt + r.completion, 0);
    expect(billed).toBeGreaterThanOrEqual(after.spentTokens);
    console.log(
      `[budget-crash] at the kill: ${left.rows} reservations (${left.reservedTokens} tokens) held by A; ` +
        `after B: 0 held, ${after.spentTokens} tokens spent = stored replies; billed at the simulator ${billed} ` +
        `(${billed - after.spentTokens} in replies lost with A)`,
    );
  }, 150_000);
});
