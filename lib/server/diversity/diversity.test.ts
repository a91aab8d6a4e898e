// The diversity section end to end: seeds imported and evolved by a real run
// (simulator over HTTP), the per-node cache filled by the step hook and the
// diversity job, and the snapshot's figures checked against a plain recount
// of the nodes' texts.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { minHashSignature } from "@/lib/text/minhash";
import { nearDuplicateText } from "@/lib/export/near-duplicates";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { wordsOf } from "@/lib/text/distinct-ngrams";
import { countNearDuplicateClusters } from "@/lib/text/near-duplicate-clusters";
import { readVerbObject } from "@/lib/text/verb-object";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { simulatorRunOptions } from "@/tests/fixtures/run-options";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { waitForRunStatus } from "@/tests/fixtures/wait-for-run";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { TOP_PAIRS, type DiversityRound } from "./diversity-types";

const { url } = await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { startRun } = await import("@/lib/server/runs/start-run");
const { startComparison } = await import("@/lib/server/comparisons/start-comparison");
const { computeDiversitySnapshot } = await import("./compute-diversity-snapshot");
const { editNode } = await import("@/lib/server/review/edit-node");
const { startStepWorker } = await import("@/lib/server/jobs/step-worker");
const { startDiversityWorker } = await import("@/lib/server/jobs/diversity-worker");
const { DIVERSITY_QUEUE } = await import("@/lib/server/jobs/diversity-job");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { backfillNodeDiversity } = await import("./cache-node-diversity");
const { getProjectDiversity } = await import("./get-project-diversity");

let simulator: Simulator;
let admin: TestUser;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 2, seed: "diversity-test" });
  process.env.SIMULATOR_URL = simulator.url;
  admin = await createTestUser("admin");
});

afterAll(async () => {
  await stopBoss();
  await simulator?.close();
});

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The figures worked out again from the nodes' texts (of a project, or of one run), with plain sets and counts. */
async function recount(projectId: string, runId?: string): Promise<DiversityRound[]> {
  const nodes = await getPrisma().node.findMany({
    where: { projectId, ...(runId ? { runId } : {}) },
    orderBy: [{ round: "asc" }, { id: "asc" }],
  });
  const rounds = [...new Set(nodes.map((n) => n.round))];
  return rounds.map((round) => {
    const inRound = nodes.filter((n) => n.round === round);
    const distinct: [number, number, number] = [0, 0, 0];
    const total: [number, number, number] = [0, 0, 0];
    for (let n = 1; n <= 3; n++) {
      const seen = new Set<string>();
      for (const node of inRound) {
        const w = wordsOf(node.instruction);
        for (let i = 0; i + n <= w.length; i++, total[n - 1]!++) seen.add(w.slice(i, i + n).join(" "));
      }
      distinct[n - 1] = seen.size;
    }
    const pairCounts = new Map<string, number>();
    for (const node of inRound) {
      const { verb, object } = readVerbObject(node.instruction);
      if (verb && object) pairCounts.set(`${verb}\t${object}`, (pairCounts.get(`${verb}\t${object}`) ?? 0) + 1);
    }
    const pairs = [...pairCounts]
      .map(([key, count]) => ({ verb: key.split("\t")[0]!, object: key.split("\t")[1]!, count }))
      .sort((a, b) => b.count - a.count || byCodePoint(a.verb, b.verb) || byCodePoint(a.object, b.object))
      .slice(0, TOP_PAIRS);
    const clusters = countNearDuplicateClusters(inRound.map((n) => minHashSignature(nearDuplicateText(n))));
    return {
      round,
      nodes: inRound.length,
      ngrams: { distinct, total },
      ...clusters,
      withPair: [...pairCounts.values()].reduce((a, b) => a + b, 0),
      pairs,
    };
  });
}

describe("diversity", () => {
  it("caches every node of a simulator run and shows figures equal to a recount", async () => {
    const project = await createProjectWithSeeds({ count: 24, actorId: admin.id, withInput: true });
    const stepWorker = await startStepWorker({ connectionString: url, concurrency: 8 });
    try {
      const run = await startRun({ ...simulatorRunOptions(project.id, { rounds: 2 }), actorId: admin.id });
      await waitForRunStatus(run.id, ["completed"]);
    } finally {
      await stepWorker.stop();
    }
    const prisma = getPrisma();
    const nodes = await prisma.node.findMany({ where: { projectId: project.id }, include: { diversity: true } });
    // Evolved nodes are cached by the step that made them; the import queued a job for the seeds.
    const evolved = nodes.filter((n) => n.round > 0);
    expect(evolved.length).toBeGreaterThan(0);
    for (const node of evolved) {
      expect(node.diversity).toMatchObject({ contentHash: node.contentHash, round: node.round });
      expect(node.diversity!.signature).toHaveLength(512);
    }
    expect(nodes.filter((n) => n.round === 0 && n.diversity)).toHaveLength(0);
    const [queued] = await prisma.$queryRaw<{ jobs: bigint }[]>`
      SELECT count(*) AS jobs FROM pgboss.job WHERE name = ${DIVERSITY_QUEUE} AND singleton_key = ${project.id}`;
    expect(Number(queued!.jobs)).toBe(1);

    // Before the job ran: no figures yet, and the page says they are coming.
    const before = await getProjectDiversity({ projectId: project.id, nodes: nodes.length });
    expect(before).toEqual({ rounds: [], runs: [], computedAt: null, stale: true });

    const diversityWorker = await startDiversityWorker({ connectionString: url });
    try {
      await vi.waitFor(
        async () =>
          expect(await getProjectDiversity({ projectId: project.id, nodes: nodes.length })).toMatchObject({
            stale: false,
          }),
        { timeout: 30_000, interval: 200 },
      );
    } finally {
      await diversityWorker.stop();
    }
    const after = await getProjectDiversity({ projectId: project.id, nodes: nodes.length });
    expect(after.computedAt).toBeInstanceOf(Date);
    expect(after.rounds).toEqual(await recount(project.id));
    const seeds = after.rounds[0]!;
    // The fixture's seeds are "Explain <topic> to a curious student (n)." over a handful of topics.
    expect(seeds.pairs[0]).toMatchObject({ verb: "explain" });
    expect(seeds.clusters).toBeGreaterThan(0);
    expect(seeds.ngrams.distinct[0]).toBeLessThan(seeds.ngrams.total[0]);

    // An edited instruction makes the figures stale and is parsed again.
    const seed = nodes.find((n) => n.round === 0)!;
    await editNode({
      projectId: project.id,
      nodeId: seed.id,
      field: "instruction",
      text: "Compose a haiku about autumn leaves.",
      editorId: admin.id,
    });
    expect(await getProjectDiversity({ projectId: project.id, nodes: nodes.length })).toMatchObject({ stale: true });
    expect(await backfillNodeDiversity({ projectId: project.id })).toBe(1);
    const cached = await prisma.nodeDiversity.findUniqueOrThrow({ where: { nodeId: seed.id } });
    expect(cached).toMatchObject({ verb: "compose", object: "haiku" });
  });

  it("counts each run of a comparison on its own, and no other run", async () => {
    const project = await createProjectWithSeeds({ count: 12, actorId: admin.id });
    const stepWorker = await startStepWorker({ connectionString: url, concurrency: 8 });
    let runIds: string[];
    try {
      const { weights, ...shared } = simulatorRunOptions(project.id, { rounds: 2, seedLimit: 8 });
      const comparison = await startComparison({
        ...shared,
        a: { method: "paper", weights },
        b: { method: "code", weights },
        actorId: admin.id,
      });
      runIds = comparison.runs.map((r) => r.id);
      const alone = await startRun({ ...simulatorRunOptions(project.id, { rounds: 1 }), actorId: admin.id });
      for (const id of [...runIds, alone.id]) await waitForRunStatus(id, ["completed"]);
    } finally {
      await stepWorker.stop();
    }
    await backfillNodeDiversity({ projectId: project.id });
    const rounds = await computeDiversitySnapshot({ projectId: project.id });
    expect(rounds).toEqual(await recount(project.id));
    const nodes = await getPrisma().node.count({ where: { projectId: project.id } });
    const { runs } = await getProjectDiversity({ projectId: project.id, nodes });
    expect(runs.map((r) => r.runId)).toEqual(runIds);
    for (const run of runs) {
      // Two rounds of eight steps; a node's round is its depth, so a re-evolved parent's child counts in round 1.
      expect(run.rounds.reduce((sum, r) => sum + r.nodes, 0)).toBe(16);
      expect(run.rounds).toEqual(await recount(project.id, run.runId));
    }
  });

  it("backfills older nodes in bounded batches", async () => {
    const project = await createProjectWithSeeds({ count: 12, actorId: admin.id });
    expect(await backfillNodeDiversity({ projectId: project.id, batchSize: 5, maxBatches: 1 })).toBe(5);
    expect(await getPrisma().nodeDiversity.count({ where: { projectId: project.id } })).toBe(5);
    expect(await backfillNodeDiversity({ projectId: project.id, batchSize: 5 })).toBe(7);
    expect(await backfillNodeDiversity({ projectId: project.id, batchSize: 5 })).toBe(0);
  });
});
