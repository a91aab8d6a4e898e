// `npm run bench:release`: creating a very large round.
//
// Against a throw-away embedded Postgres (or BENCH_DATABASE_URL, a scratch
// database): a project of BENCH_RELEASE_SEEDS (300,000) seeds, a gated run of
// 2 rounds, k = 1. Times the start (what the caller waits for) and the
// creation of round 1 by the release job, batch by batch; finishes round 1
// directly in SQL (every child passing); then times the release of round 2 the
// same way. Before batches, both were one transaction under a 120 s timeout:
// a 200,000-step release took 113 s and a 300,000-seed start failed at 120 s.
// Target: each batch transaction far under that (≤ 10 s), and the start and
// the release answer in ≤ 10 s.
import { openBenchDatabase } from "./bench-database";

const SEEDS = Number(process.env.BENCH_RELEASE_SEEDS ?? "300000");
const BATCH_TARGET_MS = 10_000;
if (!Number.isInteger(SEEDS) || SEEDS < 1) throw new Error("BENCH_RELEASE_SEEDS must be a positive integer");

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const db = await openBenchDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.EVOL_MAX_RUN_STEPS = String(10 * SEEDS);
  const { prepareQueue } = await import("@/lib/server/jobs/prepare-queue");
  const { stopBoss } = await import("@/lib/server/jobs/boss");
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { startRun } = await import("@/lib/server/runs/start-run");
  const { controlRun } = await import("@/lib/server/runs/control-run");
  const { releaseRoundJob } = await import("@/lib/server/runs/release-round");
  const { OPERATIONS } = await import("@/lib/evolution/operations");
  const prisma = getPrisma();
  let failed = false;
  try {
    await prepareQueue(db.url);
    const user = await prisma.user.create({
      data: { id: "bench-admin", name: "Bench", email: "bench@example.com", role: "admin" },
    });
    const project = await prisma.project.create({ data: { name: "bench release" } });
    let t = performance.now();
    await prisma.$executeRaw`
      WITH ids AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, ${SEEDS}) g)
      INSERT INTO nodes (id, project_id, root_id, round, instruction, content_hash)
      SELECT id, ${project.id}::uuid, id, 0, 'Explain topic ' || g, md5(g::text) FROM ids`;
    console.log(`bench-release: ${SEEDS.toLocaleString("en-US")} seeds inserted in ${seconds(performance.now() - t)}`);

    /** Runs the release job one batch at a time (as the job does), timing each. */
    async function drain(runId: string) {
      const times: number[] = [];
      for (;;) {
        const before = await prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { releasingRound: true } });
        if (before.releasingRound === null) break;
        const b = performance.now();
        await releaseRoundJob({ runId, maxBatches: 1 });
        times.push(performance.now() - b);
      }
      times.sort((x, y) => x - y);
      return { batches: times.length, p50: times[Math.floor(times.length / 2)] ?? 0, max: times.at(-1) ?? 0 };
    }
    function report(label: string, answered: number, total: number, batches: Awaited<ReturnType<typeof drain>>) {
      const ok = batches.max <= BATCH_TARGET_MS && answered <= BATCH_TARGET_MS;
      failed ||= !ok;
      console.log(
        `  ${label}: answered in ${seconds(answered)}; round created in ${seconds(total)} over ${batches.batches} batches ` +
          `(p50 ${seconds(batches.p50)}, max ${seconds(batches.max)}) — ${ok ? "PASS" : "FAIL"}`,
      );
    }

    t = performance.now();
    const run = await startRun({
      projectId: project.id,
      name: "bench release",
      seedQuery: "",
      rounds: 2,
      branching: 1,
      mode: "gated",
      weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as Parameters<typeof startRun>[0]["weights"],
      rules: { no_information_gain: true, refusal: true, empty_answer: true, copied_prompt: true, duplicate: true },
      scoreDifficulty: false,
      endpoint: "simulator",
      batch: false,
      models: { evolve: "sim-evolver", answer: "sim-answerer", judge: "sim-judge", difficulty: "sim-judge" },
      actorId: user.id,
    });
    const startAnswered = performance.now() - t;
    const startBatches = await drain(run.id);
    report("start", startAnswered, performance.now() - t, startBatches);
    const round1 = await prisma.runStep.count({ where: { runId: run.id } });

    // Round 1 done (no LLM): every step passes with a child.
    t = performance.now();
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE name = 'evolve-step'`;
    await prisma.$executeRaw`
      WITH s AS (SELECT id, parent_id, root_id, step_key, gen_random_uuid() AS child FROM run_steps WHERE run_id = ${run.id}::uuid),
      n AS (INSERT INTO nodes (id, project_id, root_id, parent_id, round, instruction, content_hash, run_id, step_key)
            SELECT child, ${project.id}::uuid, root_id, parent_id, 1, 'Child', md5(child::text), ${run.id}::uuid, step_key FROM s)
      UPDATE run_steps r SET status = 'done', passed = true, child_id = s.child, finished_at = now() FROM s WHERE r.id = s.id`;
    await prisma.run.update({ where: { id: run.id }, data: { status: "waiting_review" } });
    console.log(
      `  round 1 (${round1.toLocaleString("en-US")} steps) finished in SQL in ${seconds(performance.now() - t)}`,
    );

    t = performance.now();
    await controlRun({ runId: run.id, command: "release", actorId: user.id });
    const releaseAnswered = performance.now() - t;
    const batches = await drain(run.id);
    report("release", releaseAnswered, performance.now() - t, batches);
    const round2 = await prisma.runStep.count({ where: { runId: run.id, round: 2 } });
    if (round1 !== SEEDS || round2 !== SEEDS) {
      failed = true;
      console.log(`  FAIL: expected ${SEEDS} steps per round, got ${round1} and ${round2}`);
    }
  } finally {
    await stopBoss();
    await disconnectPrisma();
    await db.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
