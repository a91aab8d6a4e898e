// Crash recovery end to end: a real `npm run worker` process is SIGKILLed in
// the middle of a run and a second one finishes it. Nothing may be lost,
// nothing stored twice, and no LLM result that was stored may be asked for
// again (counted where it would be paid: at the simulator).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { startWorkerProcess, type WorkerProcess } from "@/tests/fixtures/worker-process";
import { setupTestDatabase } from "@/tests/setup/test-database";

const SEEDS = 36;
const ROUNDS = 4;
const STEPS = SEEDS * ROUNDS;
// Kill once this many steps are done (about a third of the run) while others run.
const KILL_AFTER_DONE = 40;
const MIN_RUNNING_AT_KILL = 4;
const MIN_REQUESTS_AT_KILL = 3;

process.env.LLM_CONCURRENCY = "16";
// Steps in hand at once; a step has one request out at a time (evolve, then answer, then judge), and each model
// has its own gate of LLM_CONCURRENCY, so this is the bound on A's requests in flight when it dies.
const STEP_CONCURRENCY = 24;
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
    env: {
      DATABASE_URL: url,
      SIMULATOR_URL: simulator.url,
      LLM_CONCURRENCY: "16",
      EVOL_WORKER_CONCURRENCY: String(STEP_CONCURRENCY),
      EVOL_JOB_HEARTBEAT_SECONDS: "10",
    },
  });
  workers.push(worker);
  return worker;
}

/** Rejects as soon as the worker exits: a worker that should be running died. */
function failOnExit(worker: WorkerProcess): Promise<never> {
  return worker.exited.then((info) => {
    throw new Error(
      `worker ${worker.name} exited unexpectedly (${JSON.stringify(info)}):\n${worker.output().slice(-4_000)}`,
    );
  });
}

async function stepCounts(runId: string): Promise<Record<string, number>> {
  const rows = await getPrisma().runStep.groupBy({ by: ["status"], where: { runId }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 100, jitter: 0.3, seed: "worker-crash-test" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
});

afterAll(async () => {
  // Runs before the database is dropped (after-hooks run last-registered first).
  const results = await Promise.allSettled(workers.map((w) => w.kill("SIGKILL")));
  await stopBoss();
  await simulator?.close();
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
});

describe("worker crash", () => {
  it("a worker killed with SIGKILL mid-run and restarted finishes the run with no lost node, no duplicate node and no LLM call repeated for a stored result", async () => {
    const prisma = getPrisma();
    const project = await createProjectWithSeeds({ count: SEEDS, actorId: admin.id, withInput: true });

    const a = startWorker("A");
    await Promise.race([a.ready(30_000), failOnExit(a)]);
    const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: ROUNDS }), actorId: admin.id });
    const runStarted = Date.now();
    expect(run).toMatchObject({ seeds: SEEDS, steps: SEEDS });

    // Wait until the run is well under way with steps in A's hands and
    // requests of A's at the simulator (steps also spend time queueing for
    // the database, so "running" alone does not mean a request is out).
    let atKill: Record<string, number> = {};
    let simInFlightAtKill = 0;
    const killDeadline = Date.now() + 30_000;
    const aDied = failOnExit(a);
    aDied.catch(() => {});
    for (;;) {
      const counts = await Promise.race([stepCounts(run.id), aDied]);
      simInFlightAtKill = simulator.stats().inFlight;
      if (
        (counts.done ?? 0) >= KILL_AFTER_DONE &&
        (counts.running ?? 0) >= MIN_RUNNING_AT_KILL &&
        simInFlightAtKill >= MIN_REQUESTS_AT_KILL
      ) {
        atKill = counts;
        break;
      }
      if ((counts.done ?? 0) >= STEPS * 0.8 || Date.now() > killDeadline) {
        throw new Error(
          `no moment with ≥ ${KILL_AFTER_DONE} steps done, ≥ ${MIN_RUNNING_AT_KILL} running and ≥ ${MIN_REQUESTS_AT_KILL} requests at the simulator; ` +
            `steps: ${JSON.stringify(counts)}, requests in flight: ${simInFlightAtKill}\n${a.output().slice(-4_000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const killedAt = Date.now();
    await a.kill("SIGKILL");
    const deadAt = Date.now();
    expect(a.alive()).toBe(false);

    // What A left behind: steps it held stay `running` (pg-boss hands their
    // jobs out again once the heartbeat is stale), and requests it had sent
    // whose results were never stored.
    const left = await stepCounts(run.id);
    const stranded = await prisma.runStep.findMany({
      where: { runId: run.id, status: "running" },
      select: { id: true, stepKey: true },
    });
    expect(stranded.length, `steps left running by A: ${JSON.stringify(left)}`).toBeGreaterThan(0);
    expect((left.running ?? 0) + (left.pending ?? 0)).toBeGreaterThan(0);
    expect(left.done ?? 0).toBeLessThan(STEPS);
    const storedBeforeRestart = new Set(
      (await prisma.llmCall.findMany({ where: { runId: run.id, outcome: "ok" }, select: { requestKey: true } })).map(
        (c) => c.requestKey,
      ),
    );
    const arrivalsAtKill = simulator.stats().arrivalsByRequestKey;
    const unstoredAtKill = Object.keys(arrivalsAtKill).filter((key) => !storedBeforeRestart.has(key));

    const bStarted = Date.now();
    const b = startWorker("B");
    await Promise.race([b.ready(30_000), failOnExit(b)]);
    const bReady = Date.now();
    const finished = await Promise.race([waitForRunStatus(run.id, ["completed"], 60_000), failOnExit(b)]);
    const completedAt = Date.now();
    expect(finished.status).toBe("completed");
    expect(finished.finishedAt).toBeInstanceOf(Date);

    // ---- No lost step, no lost node ----
    const steps = await prisma.runStep.findMany({
      where: { runId: run.id },
      orderBy: [{ round: "asc" }, { id: "asc" }],
    });
    expect(steps).toHaveLength(STEPS);
    const perLineageRound = new Map<string, number>();
    for (const s of steps)
      perLineageRound.set(`${s.rootId}:${s.round}`, (perLineageRound.get(`${s.rootId}:${s.round}`) ?? 0) + 1);
    expect(perLineageRound.size, "one step per lineage and round").toBe(STEPS);
    expect([...perLineageRound.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(steps.map((s) => s.rootId)).size).toBe(SEEDS);
    // A clean simulator passes every rewrite.
    const notDone = steps.filter((s) => s.status !== "done" || s.passed !== true);
    expect(notDone.map((s) => ({ key: s.stepKey, status: s.status, passed: s.passed, error: s.error }))).toEqual([]);

    const nodes = await prisma.node.findMany({ where: { runId: run.id } });
    expect(nodes).toHaveLength(STEPS);
    const nodeByStepKey = new Map(nodes.map((n) => [n.stepKey, n]));
    for (const step of steps) {
      const child = nodeByStepKey.get(step.stepKey);
      expect(child, `node of step ${step.stepKey}`).toBeDefined();
      expect(step.childId).toBe(child!.id);
      expect(child!.parentId).toBe(step.parentId);
      expect(child!.rootId).toBe(step.rootId);
      expect(child!.operation).toBe(step.operation);
      expect(child!.verdict).toBe("passed");
    }
    // Each lineage is a chain seed → 1 → 2 → … : round r's step evolves round r-1's child.
    const childOf = new Map(steps.map((s) => [`${s.rootId}:${s.round}`, s.childId]));
    for (const step of steps) {
      const expectedParent = step.round === 1 ? step.rootId : childOf.get(`${step.rootId}:${step.round - 1}`);
      expect(step.parentId, `parent of round ${step.round} in lineage ${step.rootId}`).toBe(expectedParent);
    }
    const byRound = nodes.reduce<Record<number, number>>(
      (acc, n) => ({ ...acc, [n.round]: (acc[n.round] ?? 0) + 1 }),
      {},
    );
    expect(byRound).toEqual(Object.fromEntries(Array.from({ length: ROUNDS }, (_, i) => [i + 1, SEEDS])));

    // ---- No duplicate node ----
    const dupByStepKey = await prisma.$queryRaw<{ step_key: string; n: bigint }[]>`
        SELECT step_key, count(*) AS n FROM nodes WHERE run_id = ${run.id}::uuid GROUP BY step_key HAVING count(*) > 1`;
    expect(dupByStepKey).toEqual([]);
    const dupByParent = await prisma.$queryRaw<{ parent_id: string; n: bigint }[]>`
        SELECT parent_id, round, operation, count(*) AS n FROM nodes WHERE run_id = ${run.id}::uuid
        GROUP BY parent_id, round, operation HAVING count(*) > 1`;
    expect(dupByParent).toEqual([]);
    expect(new Set(nodes.map((n) => n.parentId)).size, "each parent evolved once (all passed)").toBe(STEPS);
    const orphans = nodes.filter((n) => !steps.some((s) => s.childId === n.id));
    expect(orphans).toHaveLength(0);

    // ---- No stored LLM result asked for again ----
    const calls = await prisma.llmCall.findMany({ where: { runId: run.id } });
    expect(calls.filter((c) => c.outcome !== "ok").map((c) => `${c.role}: ${c.errorKind} ${c.errorMessage}`)).toEqual(
      [],
    );
    expect(calls).toHaveLength(STEPS * 3); // evolve, answer, judge (no difficulty scoring)
    expect(calls.every((c) => c.requestKey)).toBe(true);
    const keyCounts = new Map<string, number>();
    for (const c of calls) keyCounts.set(c.requestKey!, (keyCounts.get(c.requestKey!) ?? 0) + 1);
    expect(
      [...keyCounts].filter(([, n]) => n > 1),
      "at most one stored result per key",
    ).toEqual([]);
    // Each step's node has its three calls under the step's keys (how the node view finds them).
    for (const step of steps) {
      for (const role of ["evolve", "answer", "judge"])
        expect(keyCounts.get(`${step.stepKey}:${role}`), `${step.stepKey}:${role}`).toBe(1);
      expect(nodeByStepKey.get(step.stepKey)?.id).toBe(step.childId);
    }

    const arrivals = simulator.stats().arrivalsByRequestKey;
    const repeatedAfterStore: string[] = [];
    const reRequested: string[] = [];
    for (const call of calls) {
      const times = arrivals[call.requestKey!] ?? [];
      const storedAt = call.createdAt.getTime();
      if (times.length === 0) repeatedAfterStore.push(`${call.requestKey}: stored but never requested`);
      const after = times.filter((t) => t > storedAt);
      if (after.length > 0)
        repeatedAfterStore.push(`${call.requestKey}: stored at ${storedAt}, requested again at ${after.join(", ")}`);
      if (times.length > 1) {
        reRequested.push(call.requestKey!);
        // A legitimate repeat: A asked, died before storing, B asked once more.
        // B's requests are those after B was spawned; A's last requests may
        // be read by the simulator a few ms after A is already gone.
        const byB = times.filter((t) => t >= bStarted);
        expect(
          byB.length,
          `${call.requestKey} asked by B exactly once (killed ${killedAt}, B spawned ${bStarted}): ${times.join(", ")}`,
        ).toBe(1);
        expect(
          storedBeforeRestart.has(call.requestKey),
          `${call.requestKey} was re-requested though stored before the restart`,
        ).toBe(false);
      }
    }
    expect(repeatedAfterStore).toEqual([]);
    expect(
      Object.keys(arrivals).filter((key) => !keyCounts.has(key)),
      "every key asked for was stored",
    ).toEqual([]);
    expect(reRequested.length, "at most A's requests in flight at the kill").toBeLessThanOrEqual(STEP_CONCURRENCY);

    // ---- Report ----
    const lateArrivals = Object.values(arrivals)
      .flat()
      .filter((t) => t > killedAt && t < bStarted).length;
    const strandedIds = new Set(stranded.map((s) => s.id));
    const strandedFinish = steps.filter((s) => strandedIds.has(s.id)).map((s) => s.finishedAt!.getTime() - killedAt);
    const reusedAfterCrash = calls.filter(
      (c) =>
        c.createdAt.getTime() <= deadAt &&
        steps.some((s) => s.childId === c.nodeId && s.finishedAt!.getTime() > deadAt),
    );
    console.log(
      [
        `[worker-crash] ${SEEDS} seeds × ${ROUNDS} rounds, simulator 100 ms ±30 %`,
        `  A killed ${killedAt - runStarted} ms after start (group gone after ${deadAt - killedAt} ms); steps at kill: ${JSON.stringify(atKill)}, after: ${JSON.stringify(left)}; simulator requests in flight: ${simInFlightAtKill} (+${lateArrivals} of A's read by the simulator after the kill)`,
        `  keys requested but not stored at the kill: ${unstoredAtKill.length}; re-requested after the crash (legitimate): ${reRequested.length}; stored results reused by B instead of asking again: ${reusedAfterCrash.length}`,
        `  B ready ${bReady - bStarted} ms after spawn; ${stranded.length} stranded steps finished ${Math.min(...strandedFinish)}–${Math.max(...strandedFinish)} ms after the kill; run completed ${completedAt - killedAt} ms after the kill`,
        `  stranded step attempts: ${JSON.stringify(steps.filter((s) => strandedIds.has(s.id)).map((s) => s.attempts))}`,
      ].join("\n"),
    );
  }, 120_000);
});
