// `npm run bench:scale -- --nodes N` (BENCH_NODES as a fallback, default
// 250,000): fills a throw-away database with the forest of `npm run seed:scale`
// (with the run's LLM call records), then times the server side of what
// annotators do all day. Targets (issue 15, BENCHMARKS.md), p95: tree ≤ 50 ms,
// queue ≤ 100 ms (its list; the count streams in after it, decision 0048, and
// is printed without a target), node view ≤ 50 ms, accept ≤ 30 ms; the project dashboard
// ≤ 100 ms (read from the figures Postgres keeps, decision 0037; the full
// recount it replaced is printed beside it) and the page's data (dashboard,
// diversity section, cost table) ≤ 100 ms, its cost table ≤ 100 ms, its
// diversity section ≤ 50 ms. The diversity job itself (parse and snapshot of
// every node: about 2 ms a node) runs only with --diversity-job; otherwise the
// section reads an empty snapshot, as bench:dashboard's does.
import { parseArgs } from "node:util";
import { parseBenchNodes } from "./bench-args";
import { openSeededDatabase } from "./seeded-database";

function parseFlags() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { nodes: { type: "string" }, "diversity-job": { type: "boolean", default: false } },
    strict: true,
    allowPositionals: false,
  });
  return { nodes: parseBenchNodes(values.nodes, process.env.BENCH_NODES), diversityJob: values["diversity-job"] };
}

const FLAGS = parseFlags();
const NODES = FLAGS.nodes;
const ROUNDS = 200;
const DASHBOARD_ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 40);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeEach<T>(items: T[], fn: (item: T) => Promise<unknown>) {
  const times: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await fn(item);
    times.push(performance.now() - started);
  }
  return summary(times);
}

function summary(times: number[]) {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length };
}

/**
 * The queue page as the review page reads it: the list, which it awaits, and
 * the count, streamed in after it, timed from the same start. One page at a
 * time: the next starts once the count is in.
 */
async function timeQueuePages<T>(
  items: T[],
  fn: (item: T) => Promise<{ total: Promise<unknown> }>,
): Promise<{ list: ReturnType<typeof summary>; count: ReturnType<typeof summary> }> {
  const list: number[] = [];
  const count: number[] = [];
  for (const item of items) {
    const started = performance.now();
    const page = await fn(item);
    list.push(performance.now() - started);
    await page.total;
    count.push(performance.now() - started);
  }
  return { list: summary(list), count: summary(count) };
}

async function main() {
  // The cost table sums the run's LLM calls: write them (4 per evolution).
  const db = await openSeededDatabase({ nodes: NODES, project: "bench-scale", withCalls: true });
  try {
    process.env.DATABASE_URL = db.url;
    const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
    const { getLineageTree } = await import("@/lib/server/review/get-lineage-tree");
    const { getNodeDetail } = await import("@/lib/server/review/get-node-detail");
    const { firstReviewQueuePage } = await import("@/lib/server/review/list-review-queue");
    const { decideNode } = await import("@/lib/server/review/decide-node");
    const { bulkDecide, undoBulk } = await import("@/lib/server/review/bulk-decide");
    const { reviewQueueFilterSchema } = await import("@/lib/validation/review");
    const { getProjectDashboard } = await import("@/lib/server/dashboard/get-project-dashboard");
    const { getProjectCosts } = await import("@/lib/server/dashboard/get-project-costs");
    const { scanDashboardRows } = await import("@/lib/server/dashboard/scan-dashboard-rows");
    const { backfillNodeDiversity } = await import("@/lib/server/diversity/cache-node-diversity");
    const { computeDiversitySnapshot } = await import("@/lib/server/diversity/compute-diversity-snapshot");
    const { getProjectDiversity } = await import("@/lib/server/diversity/get-project-diversity");
    const prisma = getPrisma();
    const project = await prisma.project.findUniqueOrThrow({ where: { name: "bench-scale" } });
    const projectId = project.id;
    const annotator = await prisma.user.findFirstOrThrow({ where: { role: "annotator" } });
    const admin = await prisma.user.findFirstOrThrow({ where: { role: "admin" } });

    const roots = await prisma.$queryRaw<{ root_id: string }[]>`
      SELECT root_id FROM nodes WHERE project_id = ${projectId}::uuid AND round = 4 ORDER BY random() LIMIT ${ROUNDS}`;
    const tree = await timeEach(roots, (r) => getLineageTree({ projectId, rootId: r.root_id }));

    const filters = [
      { status: "unreviewed", verdict: "failed" },
      { verdict: "passed", q: "explain" },
      { disagreement: "1" },
      { rule: "refusal", round: "2" },
      { operation: "deepen", status: "accepted" },
      { skill: "Math", q: "table" },
    ].map((f) => reviewQueueFilterSchema.parse(f));
    const queue = await timeQueuePages(
      Array.from({ length: ROUNDS }, (_, i) => filters[i % filters.length]),
      (filter) => firstReviewQueuePage({ projectId, filter }),
    );
    // Per filter, to see which one costs what.
    for (const filter of filters) {
      const t = await timeQueuePages(
        Array.from({ length: 20 }, () => filter),
        (f) => firstReviewQueuePage({ projectId, filter: f }),
      );
      const shown = Object.entries(filter)
        .filter(([k, v]) => v !== undefined && v !== "any" && k !== "sort")
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
      console.log(
        `  queue [${shown}]: list p50 ${t.list.p50.toFixed(1)} ms, p95 ${t.list.p95.toFixed(1)} ms; ` +
          `count p50 ${t.count.p50.toFixed(1)} ms, p95 ${t.count.p95.toFixed(1)} ms`,
      );
    }

    // The maintained figures (seed:scale compacted them after its load); the recount reads every node, so fewer calls.
    const dashboard = await timeEach(Array.from({ length: DASHBOARD_ROUNDS }), () =>
      getProjectDashboard({ projectId }),
    );
    const recount = await timeEach(Array.from({ length: 10 }), () => scanDashboardRows(projectId));
    // The dashboard's cost table: sums kept as calls and nodes are written, and accepted nodes from an index.
    const costs = await timeEach(Array.from({ length: DASHBOARD_ROUNDS }), () => getProjectCosts({ projectId }));

    // The parse alone: wink's model load, then its time per instruction over a sample of the project's texts.
    const { loadVerbObjectModel, readVerbObject } = await import("@/lib/text/verb-object");
    let started = performance.now();
    loadVerbObjectModel();
    const loadMs = performance.now() - started;
    const sample = await prisma.$queryRaw<{ instruction: string }[]>`
      SELECT instruction FROM nodes WHERE project_id = ${projectId}::uuid ORDER BY random() LIMIT 5000`;
    started = performance.now();
    for (const row of sample) readVerbObject(row.instruction);
    console.log(
      `verb/object parse: model load ${loadMs.toFixed(0)} ms, then ${((performance.now() - started) / sample.length).toFixed(3)} ms an instruction (${sample.length} sampled)`,
    );

    const nodeCount = await prisma.node.count({ where: { projectId } });
    if (FLAGS.diversityJob) {
      // The diversity job's two halves, once each (background work, no target), then what a dashboard view adds.
      started = performance.now();
      const parsed = await backfillNodeDiversity({ projectId });
      const backfillMs = performance.now() - started;
      started = performance.now();
      await computeDiversitySnapshot({ projectId });
      const snapshotMs = performance.now() - started;
      console.log(
        `diversity job: parsed and cached ${parsed.toLocaleString("en-US")} nodes in ${(backfillMs / 1000).toFixed(1)} s ` +
          `(${(backfillMs / Math.max(1, parsed)).toFixed(3)} ms a node), snapshot in ${(snapshotMs / 1000).toFixed(1)} s`,
      );
    } else {
      // A current snapshot, as the diversity job leaves it (--diversity-job times the job): the page reads it.
      // (Already there when BENCH_DATABASE_URL brings a project this bench ran on before.)
      await prisma.diversitySnapshot.createMany({
        data: [{ projectId, nodes: nodeCount, rounds: [] }],
        skipDuplicates: true,
      });
    }
    const diversity = await timeEach(Array.from({ length: DASHBOARD_ROUNDS }), () =>
      getProjectDiversity({ projectId, nodes: nodeCount }),
    );

    // What the dashboard page awaits (app/(app)/projects/[projectId]/dashboard/page.tsx), the cost table streamed beside it.
    const page = await timeEach(Array.from({ length: DASHBOARD_ROUNDS }), async () => {
      const costsLater = getProjectCosts({ projectId });
      await prisma.project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
      const d = await getProjectDashboard({ projectId });
      await getProjectDiversity({ projectId, nodes: d.totals.nodes });
      await costsLater;
    });

    const evolved = await prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM nodes WHERE project_id = ${projectId}::uuid AND parent_id IS NOT NULL AND human_status = 'unreviewed' ORDER BY random() LIMIT ${ROUNDS + 5_000}`;
    const view = await timeEach(evolved.slice(0, ROUNDS), (n) =>
      getNodeDetail({ projectId, nodeId: n.id, viewer: { id: annotator.id, role: "annotator" } }),
    );
    const accept = await timeEach(evolved.slice(0, ROUNDS), (n) =>
      decideNode({
        projectId,
        nodeId: n.id,
        reviewer: { id: annotator.id, role: "annotator" },
        decision: "accept",
        reasonTags: [],
        note: "",
        seenReviewId: null,
      }),
    );
    const batches = Array.from({ length: 5 }, (_, i) =>
      evolved.slice(ROUNDS + i * 1_000, ROUNDS + (i + 1) * 1_000).map((n) => n.id),
    );
    const bulk = await timeEach(batches, async (nodeIds) => {
      const done = await bulkDecide({
        projectId,
        actor: { id: admin.id, role: "admin" },
        decision: "reject",
        scope: { kind: "selection", nodeIds },
        expectedCount: nodeIds.length,
      });
      await undoBulk({ projectId, bulkActionId: done.bulkActionId, actor: { id: admin.id, role: "admin" } });
    });

    const rows: [string, { p50: number; p95: number; n: number }, number | null][] = [
      ["lineage tree (4 rounds deep)", tree, 50],
      ["review queue page (list; count streams after)", queue.list, 100],
      ["review queue count (from the page's start)", queue.count, null],
      ["node view", view, 50],
      ["accept one node", accept, 30],
      ["bulk reject 1,000 nodes + undo", bulk, null],
      ["project dashboard (maintained figures)", dashboard, 100],
      ["dashboard page's data (+ diversity, costs)", page, 100],
      ["project dashboard's full recount (replaced)", recount, null],
      ["project costs (per run and operation)", costs, 100],
      ["dashboard's diversity section (snapshot read)", diversity, 50],
    ];
    const total = await prisma.node.count({ where: { projectId } });
    console.log(
      `\n${total.toLocaleString("en-US")} nodes` +
        (db.seedSeconds === null ? "" : `, seeded in ${db.seedSeconds.toFixed(1)} s`) +
        `; server time in ms:`,
    );
    let ok = true;
    for (const [label, t, target] of rows) {
      const pass = target === null || t.p95 <= target;
      ok &&= pass;
      console.log(
        `${pass ? "PASS" : "FAIL"}  ${label.padEnd(46)} p50 ${t.p50.toFixed(1).padStart(7)}  p95 ${t.p95.toFixed(1).padStart(7)}  (n=${t.n}${target ? `, target p95 ≤ ${target}` : ""})`,
      );
    }
    process.exitCode = ok ? 0 : 1;
    await disconnectPrisma();
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
