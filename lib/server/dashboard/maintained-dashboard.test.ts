// The dashboard's maintained figures (decision 0037) against a full recount of
// the nodes, after random sequences of what changes nodes, through the real
// services: imports, simulator runs (with difficulty), single and bulk
// decisions, undos, edits, redos, and a project deleted; with compactions at
// random points and running concurrently with the writes.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSeedFile } from "@/lib/seeds/parse-seed-file";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("@/lib/server/runs/start-run");
const { startRedo } = await import("@/lib/server/runs/start-redo");
const { editNode } = await import("@/lib/server/review/edit-node");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { bulkDecide, undoBulk } = await import("@/lib/server/review/bulk-decide");
const { importSeeds } = await import("@/lib/server/seeds/import-seeds");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { queryDashboardRows } = await import("./query-dashboard-rows");
const { scanDashboardRows } = await import("./scan-dashboard-rows");
const { foldDashboardRows } = await import("./fold-dashboard-rows");
const { getProjectDashboard } = await import("./get-project-dashboard");
const { compactDashboard } = await import("./compact-dashboard");
const { reapOrphans } = await import("@/lib/server/jobs/reaper");
const { queryCostRows } = await import("@/lib/server/runs/query-cost-rows");

let simulator: Simulator;
let worker: { stop(): Promise<void> };
let admin: TestUser;
let annotators: TestUser[];

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 5, jitter: 0.5, seed: "dashboard-aggregates" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
  annotators = [await createTestUser("annotator"), await createTestUser("annotator")];
  worker = await startStepWorker({ connectionString: url, concurrency: 8 });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await simulator?.close();
});

/** mulberry32: the same sequence for the same seed, printed on failure. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: T[]) => items[Math.floor(next() * items.length)]!,
  };
}

async function expectMatchesRecount(projectId: string, context: string) {
  const recount = await scanDashboardRows(projectId);
  const { rows } = await queryDashboardRows(projectId);
  expect(rows, context).toEqual(recount);
  expect(await getProjectDashboard({ projectId }), context).toEqual(foldDashboardRows(recount));
  // The cost table's accepted nodes per run, step round and operation, against a count of the nodes.
  const accepted = await getPrisma().$queryRaw<{ key: string; n: number }[]>`
    SELECT concat_ws('/', run_id, run_round, operation) AS key, count(*)::int AS n FROM nodes
    WHERE project_id = ${projectId}::uuid AND human_status = 'accepted' AND run_id IS NOT NULL AND run_round IS NOT NULL
    GROUP BY run_id, run_round, operation`;
  const { yields } = await queryCostRows({ projectId });
  const kept = yields.filter((y) => y.accepted > 0).map((y) => [`${y.runId}/${y.round}/${y.operation}`, y.accepted]);
  const counted = new Map(accepted.map((a) => [a.key, a.n]));
  expect(Object.fromEntries(kept), context).toEqual(
    Object.fromEntries(kept.map(([key]) => [key, counted.get(key as string) ?? 0])),
  );
  expect(
    kept.reduce((sum, [, n]) => sum + (n as number), 0),
    context,
  ).toBe(
    accepted
      .filter((a) => yields.some((y) => `${y.runId}/${y.round}/${y.operation}` === a.key))
      .reduce((s, a) => s + a.n, 0),
  );
}

async function importMore(projectId: string, words: number[]) {
  const lines = words.map((n, i) =>
    JSON.stringify({
      instruction: Array.from({ length: n }, (_, w) => `w${i}x${w}`).join(i % 2 ? "  " : "\n"),
      output: `answer ${i}`,
    }),
  );
  const parsed = parseSeedFile(new TextEncoder().encode(lines.join("\n")), { fileName: "more.jsonl" });
  await importSeeds({ projectId, actorId: admin.id, parsed });
}

/** Runs compactions back to back until `done` settles: compaction concurrent with the writes. */
async function compactWhile<T>(done: Promise<T>, projectId?: string): Promise<{ result: T; compactions: number }> {
  let settled = false;
  let compactions = 0;
  const loop = (async () => {
    while (!settled) {
      if ((await compactDashboard({ projectId })) !== null) compactions++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  try {
    return { result: await done, compactions };
  } finally {
    settled = true;
    await loop;
  }
}

const projectNodes = (projectId: string) =>
  getPrisma().node.findMany({ where: { projectId }, select: { id: true, parentId: true }, orderBy: { id: "asc" } });

/** Every group of every project, in a stable order (ids aside). */
async function allTotals(tx: Pick<ReturnType<typeof getPrisma>, "$queryRaw"> = getPrisma()) {
  return tx.$queryRaw<unknown[]>`
    SELECT project_id, kind, round, operation, seed, verdict, human_status, difficulty, rule, words, run_id, nodes
    FROM dashboard_totals
    ORDER BY project_id, kind, round, operation, seed, verdict, human_status, difficulty, rule, words, run_id`;
}

async function latestReviewId(nodeId: string) {
  const review = await getPrisma().review.findFirst({
    where: { nodeId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return review?.id ?? null;
}

describe("maintained dashboard figures", () => {
  it("equal a full recount after random imports, runs, decisions, bulk decisions, undos, edits and redos", async () => {
    const seed = Number(process.env.DASHBOARD_TEST_SEED ?? Date.now() % 1_000_000);
    const rnd = random(seed);
    const context = (step: string) => `seed ${seed}, ${step}`;
    const project = await createProjectWithSeeds({ count: 6, actorId: admin.id, withInput: true });
    const projectId = project.id;
    await expectMatchesRecount(projectId, context("after the import"));

    // A run whose steps insert nodes and the eliminator's verdicts while compactions run.
    const run = await startRun({
      ...simulatorRunOptions(projectId, { rounds: 3, scoreDifficulty: true }),
      actorId: admin.id,
    });
    const { compactions } = await compactWhile(waitForRunStatus(run.id, ["completed"]));
    expect(compactions).toBeGreaterThan(0);
    await expectMatchesRecount(projectId, context("after the run"));
    await importMore(projectId, [1, 3, 3, 7, 12, 40]);
    await expectMatchesRecount(projectId, context("after a second import"));

    const bulks: string[] = [];
    const done: string[] = [];
    for (let i = 0; i < 30; i++) {
      const nodes = await projectNodes(projectId);
      const node = rnd.pick(nodes);
      const op = rnd.int(7);
      if (op <= 1) {
        const reviewer = rnd.pick([admin, ...annotators]);
        await decideNode({
          projectId,
          nodeId: node.id,
          reviewer,
          decision: rnd.next() < 0.6 ? "accept" : "reject",
          reasonTags: [],
          note: "",
          seenReviewId: await latestReviewId(node.id),
        });
        done.push(`decide ${node.id}`);
      } else if (op === 2) {
        const nodeIds = nodes.filter(() => rnd.next() < 0.3).map((n) => n.id);
        if (!nodeIds.length) continue;
        const bulk = await bulkDecide({
          projectId,
          actor: admin,
          decision: rnd.next() < 0.5 ? "accept" : "reject",
          scope: { kind: "selection", nodeIds },
          expectedCount: nodeIds.length,
        });
        bulks.push(bulk.bulkActionId);
        done.push(`bulk ${nodeIds.length}`);
      } else if (op === 3 && bulks.length) {
        const bulkActionId = bulks.splice(rnd.int(bulks.length), 1)[0]!;
        await undoBulk({ projectId, bulkActionId, actor: admin });
        done.push("undo");
      } else if (op === 4) {
        const words = 1 + rnd.int(30);
        const text = Array.from({ length: words }, (_, w) => `edit${w}`).join(" ");
        await editNode({
          projectId,
          nodeId: node.id,
          field: rnd.next() < 0.8 ? "instruction" : "output",
          text,
          editorId: admin.id,
        });
        done.push(`edit ${words}`);
      } else if (op === 5) {
        if (!node.parentId) continue;
        const redo = await startRedo({
          projectId,
          nodeId: node.id,
          kind: rnd.next() < 0.5 ? "re-evolve" : "re-answer",
          operation: "deepen",
          actor: admin,
        }).catch(() => null); // e.g. a child of a rejected parent: refused, nothing changes
        if (!redo) continue;
        await waitForRunStatus(redo.runId, ["completed"]);
        done.push("redo");
      } else {
        await compactDashboard({ projectId });
        done.push("compact");
      }
      if (rnd.next() < 0.3) await expectMatchesRecount(projectId, context(done.join(", ")));
    }
    await expectMatchesRecount(projectId, context(done.join(", ")));
    // The reaper's pass folds every delta.
    await reapOrphans();
    await expectMatchesRecount(projectId, context("after the reaper's compaction"));
    const [left] = await getPrisma().$queryRaw<{ deltas: number }[]>`
      SELECT count(*)::int AS deltas FROM dashboard_deltas WHERE project_id = ${projectId}::uuid`;
    expect(left.deltas).toBe(0);

    // The migration's backfill, run again from scratch, gives the very totals the triggers and compactions kept.
    const kept = await allTotals();
    const migration = await readFile(
      path.resolve("prisma/migrations/20261207130000_dashboard_aggregates/migration.sql"),
      "utf8",
    );
    const backfill = migration
      .slice(migration.indexOf("-- The figures of existing projects."))
      .split(/;\s*\n/)
      .map((statement) => statement.trim())
      .filter((statement) => statement.includes("INSERT"));
    expect(backfill).toHaveLength(4);
    const rebuilt = await getPrisma()
      .$transaction(async (tx) => {
        await tx.$executeRaw`DELETE FROM dashboard_totals`;
        for (const statement of backfill) await tx.$executeRawUnsafe(statement);
        const rows = await allTotals(tx);
        throw Object.assign(new Error("rollback"), { rows });
      })
      .catch((error: { rows?: unknown }) => error.rows);
    expect(rebuilt).toEqual(kept);
    expect(await allTotals()).toEqual(kept);
  });

  it("stay right with decisions and a run concurrent with compactions", async () => {
    const project = await createProjectWithSeeds({ count: 8, actorId: admin.id });
    const projectId = project.id;
    const first = await startRun({ ...simulatorRunOptions(projectId, { rounds: 2 }), actorId: admin.id });
    await waitForRunStatus(first.id, ["completed"]);
    const nodes = await projectNodes(projectId);
    const second = await startRun({ ...simulatorRunOptions(projectId, { rounds: 2 }), actorId: admin.id });
    const writes = Promise.all([
      waitForRunStatus(second.id, ["completed"]),
      ...annotators.map(async (reviewer, r) => {
        for (const [i, node] of nodes.entries()) {
          if (i % 2 !== r) continue;
          await decideNode({
            projectId,
            nodeId: node.id,
            reviewer,
            decision: i % 3 ? "accept" : "reject",
            reasonTags: [],
            note: "",
            seenReviewId: await latestReviewId(node.id),
          });
        }
      }),
      bulkDecide({
        projectId,
        actor: admin,
        decision: "accept",
        scope: { kind: "selection", nodeIds: nodes.slice(0, 5).map((n) => n.id) },
        expectedCount: 5,
      }).then((bulk) => undoBulk({ projectId, bulkActionId: bulk.bulkActionId, actor: admin })),
    ]);
    // Two compaction loops: one over every project, one over this project, taking turns.
    const loops = await Promise.all([compactWhile(writes), compactWhile(writes, projectId)]);
    expect(loops[0].compactions + loops[1].compactions).toBeGreaterThan(0);
    await expectMatchesRecount(projectId, "after concurrent writes and compactions");
  });

  it("goes with a deleted project, and ignores updates that change no figure", async () => {
    const project = await createProjectWithSeeds({ count: 4, actorId: admin.id });
    const projectId = project.id;
    const run = await startRun({ ...simulatorRunOptions(projectId, { rounds: 1 }), actorId: admin.id });
    await waitForRunStatus(run.id, ["completed"]);
    await compactDashboard();
    const before = await getPrisma().dashboardDelta.count({ where: { projectId } });
    // Texts and metadata are not figures: the update trigger appends nothing.
    await getPrisma().node.updateMany({ where: { projectId }, data: { output: "changed", metadata: { x: 1 } } });
    expect(await getPrisma().dashboardDelta.count({ where: { projectId } })).toBe(before);
    await expectMatchesRecount(projectId, "after an update of texts");

    await getPrisma().node.updateMany({ where: { projectId, parentId: { not: null } }, data: { difficulty: 7 } });
    expect(await getPrisma().dashboardDelta.count({ where: { projectId } })).toBeGreaterThan(before);
    await expectMatchesRecount(projectId, "after a raw update of difficulty");

    // A seed's subtree deleted by the cascade of its root.
    const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId, parentId: null } });
    await getPrisma().node.delete({ where: { id: seed.id } });
    await expectMatchesRecount(projectId, "after a seed's lineage was deleted");

    await getPrisma().project.delete({ where: { id: projectId } });
    expect(await getPrisma().dashboardDelta.count({ where: { projectId } })).toBe(0);
    expect(await getPrisma().dashboardTotal.count({ where: { projectId } })).toBe(0);
    await compactDashboard();
    expect(await getPrisma().dashboardTotal.count({ where: { projectId } })).toBe(0);
  });
});
