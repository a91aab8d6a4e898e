// `npm run bench:dashboard -- [--nodes N]`: the project dashboard from its maintained figures
// (decision 0037) on the forest of `npm run seed:scale` (--nodes, else BENCH_NODES, default
// 250,000): the page's server time (dashboard ≤ 100 ms p95, issue 15) against
// the full recount it replaced, with deltas piled up by decisions, the
// compaction, and what the triggers cost writers: a run step's one-node insert
// transaction with and without them, one at a time and 16 at once. With
// BENCH_SEED_WITHOUT_TRIGGERS=1 it first times seed:scale into a database whose
// dashboard triggers are off, to compare with the seeding done with them.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { parseBenchNodes } from "./bench-args";
import { openBenchDatabase } from "./bench-database";
import { runSeedScale } from "./seeded-database";

const NODES = parseBenchNodes(
  parseArgs({ args: process.argv.slice(2), options: { nodes: { type: "string" } }, strict: true }).values.nodes,
  process.env.BENCH_NODES,
);
const ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 40);
const INSERTS = Number(process.env.BENCH_INSERTS ?? 2_000);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 500);
const TARGET_MS = 100;
const TRIGGERS = ["nodes_dashboard_insert", "nodes_dashboard_update", "nodes_dashboard_delete"];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
}

async function timeEach(count: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return summary(times);
}

const show = (t: { p50: number; p95: number; n: number }) =>
  `p50 ${t.p50.toFixed(1).padStart(7)}  p95 ${t.p95.toFixed(1).padStart(7)} ms (n=${t.n})`;

function seed(url: string, project: string): number {
  return runSeedScale(url, { nodes: NODES, project });
}

async function setTriggers(client: pg.Client, on: boolean) {
  for (const name of TRIGGERS) await client.query(`ALTER TABLE nodes ${on ? "ENABLE" : "DISABLE"} TRIGGER ${name}`);
}

/** One evolved node per transaction, as a run step writes it (lib/server/runs/complete-step.ts). */
async function insertStep(client: pg.Client, parent: { id: string; project_id: string; root_id: string }, i: number) {
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO nodes (id, project_id, root_id, parent_id, round, instruction, input, output, content_hash, operation,
                        verdict, failed_rules, difficulty)
     VALUES ($1, $2, $3, $4, 5, $5, '', 'an answer', $6, 'deepen', $7, $8::text[], $9)`,
    [
      randomUUID(),
      parent.project_id,
      parent.root_id,
      parent.id,
      Array.from({ length: 8 + (i % 40) }, (_, w) => `word${w}`).join(" "),
      randomUUID(),
      i % 5 ? "passed" : "failed",
      i % 5 ? [] : ["refusal"],
      1 + (i % 10),
    ],
  );
  await client.query("COMMIT");
}

/** Step inserts with and without the triggers, in alternating blocks so both see the same load. */
async function insertCost(url: string, parent: { id: string; project_id: string; root_id: string }, clients: number) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const pool = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const times: Record<"on" | "off", number[]> = { on: [], off: [] };
  const walls: Record<"on" | "off", number> = { on: 0, off: 0 };
  const block = 250;
  try {
    for (let done = 0; done < INSERTS; done += block) {
      for (const mode of ["off", "on"] as const) {
        await setTriggers(admin, mode === "on");
        const started = performance.now();
        await Promise.all(
          pool.map(async (client, k) => {
            for (let i = k; i < block; i += clients) {
              const t = performance.now();
              await insertStep(client, parent, done + i);
              times[mode].push(performance.now() - t);
            }
          }),
        );
        walls[mode] += performance.now() - started;
      }
    }
  } finally {
    await setTriggers(admin, true);
    await Promise.all([admin, ...pool].map((c) => c.end()));
  }
  for (const mode of ["off", "on"] as const)
    console.log(
      `  ${clients} at once, triggers ${mode.padEnd(3)}: ${show(summary(times[mode]))}, ` +
        `${((times[mode].length / walls[mode]) * 1000).toFixed(0)} inserts/s`,
    );
}

async function main() {
  let seedWithout: number | null = null;
  if (process.env.BENCH_SEED_WITHOUT_TRIGGERS === "1") {
    const bare = await openBenchDatabase();
    try {
      const client = new pg.Client({ connectionString: bare.url });
      await client.connect();
      await setTriggers(client, false);
      await client.end();
      console.log(`seeding ${NODES.toLocaleString("en-US")} nodes with the dashboard triggers OFF…`);
      seedWithout = seed(bare.url, "bench-dashboard");
    } finally {
      await bare.close();
    }
  }
  const db = await openBenchDatabase();
  try {
    console.log(`seeding ${NODES.toLocaleString("en-US")} nodes with the dashboard triggers on…`);
    const seedWith = seed(db.url, "bench-dashboard");
    process.env.DATABASE_URL = db.url;
    const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
    const { getProjectDashboard } = await import("@/lib/server/dashboard/get-project-dashboard");
    const { scanDashboardRows } = await import("@/lib/server/dashboard/scan-dashboard-rows");
    const { queryDashboardRows } = await import("@/lib/server/dashboard/query-dashboard-rows");
    const { compactDashboard } = await import("@/lib/server/dashboard/compact-dashboard");
    const { getProjectCosts } = await import("@/lib/server/dashboard/get-project-costs");
    const { getProjectDiversity } = await import("@/lib/server/diversity/get-project-diversity");
    const { decideNode } = await import("@/lib/server/review/decide-node");
    const prisma = getPrisma();
    const project = await prisma.project.findUniqueOrThrow({ where: { name: "bench-dashboard" } });
    const projectId = project.id;
    const annotator = await prisma.user.findFirstOrThrow({ where: { role: "annotator" } });
    const totals = await prisma.dashboardTotal.count({ where: { projectId } });
    console.log(`${totals.toLocaleString("en-US")} total rows keep the dashboard of this project`);

    // A current diversity snapshot, as the diversity job leaves it (its own cost is bench:scale's): the page reads it.
    const nodeCount = await prisma.node.count({ where: { projectId } });
    await prisma.diversitySnapshot.create({ data: { projectId, nodes: nodeCount, rounds: [] } });

    const dashboard = await timeEach(ROUNDS, () => getProjectDashboard({ projectId }));
    const scan = await timeEach(Math.min(ROUNDS, 10), () => scanDashboardRows(projectId));
    const costs = await timeEach(ROUNDS, () => getProjectCosts({ projectId }));
    // What the page awaits (app/(app)/projects/[projectId]/dashboard/page.tsx), the cost table streamed beside it.
    const page = await timeEach(ROUNDS, async () => {
      const costsLater = getProjectCosts({ projectId });
      await prisma.project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
      const d = await getProjectDashboard({ projectId });
      await getProjectDiversity({ projectId, nodes: d.totals.nodes });
      await costsLater;
    });

    // Decisions append deltas; the read sums them until a compaction folds them.
    const picked = await prisma.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM nodes WHERE project_id = ${projectId}::uuid AND parent_id IS NOT NULL
        AND human_status = 'unreviewed' ORDER BY random() LIMIT ${DECISIONS}`;
    const decide = await timeEach(picked.length, (i) =>
      decideNode({
        projectId,
        nodeId: picked[i]!.id,
        reviewer: { id: annotator.id, role: "annotator" },
        decision: i % 3 ? "accept" : "reject",
        reasonTags: [],
        note: "",
        seenReviewId: null,
      }),
    );
    const { deltas } = await queryDashboardRows(projectId);
    const withDeltas = await timeEach(ROUNDS, () => queryDashboardRows(projectId));
    let started = performance.now();
    const folded = await compactDashboard({ projectId });
    const compactMs = performance.now() - started;
    started = performance.now();
    const after = await timeEach(ROUNDS, () => getProjectDashboard({ projectId }));

    const nodes = await prisma.node.count({ where: { projectId } });
    console.log(`\n${nodes.toLocaleString("en-US")} nodes; server time in ms:`);
    const pass = (t: { p95: number }) => (t.p95 <= TARGET_MS ? "PASS" : "FAIL");
    console.log(
      `${pass(dashboard)}  maintained dashboard (all rounds, all charts)   ${show(dashboard)}, target p95 ≤ ${TARGET_MS}`,
    );
    console.log(
      `${pass(page)}  dashboard page's data (+ diversity, costs)    ${show(page)}, target p95 ≤ ${TARGET_MS}`,
    );
    console.log(`      project costs (cost table, streamed)           ${show(costs)}`);
    console.log(`      full recount (the scan it replaced)            ${show(scan)}`);
    console.log(`      ${picked.length} decisions (accept/reject one node)         ${show(decide)}`);
    console.log(`${pass(withDeltas)}  dashboard rows with ${deltas} deltas pending       ${show(withDeltas)}`);
    console.log(
      `      compaction of ${folded ?? 0} deltas: ${compactMs.toFixed(1)} ms; dashboard after it ${show(after)}`,
    );
    console.log(
      `seed:scale ${NODES.toLocaleString("en-US")}: ${seedWith.toFixed(1)} s with the triggers` +
        (seedWithout === null ? "" : `, ${seedWithout.toFixed(1)} s without`),
    );

    // The migration's backfill on this database (rolled back): what migrating an existing installation costs.
    const migration = await readFile("prisma/migrations/20261207130000_dashboard_aggregates/migration.sql", "utf8");
    const backfill = migration
      .slice(migration.indexOf("-- The figures of existing projects."))
      .split(/;\s*\n/)
      .filter((statement) => statement.includes("INSERT"));
    started = performance.now();
    await prisma
      .$transaction(
        async (tx) => {
          await tx.$executeRaw`DELETE FROM dashboard_totals`;
          for (const statement of backfill) await tx.$executeRawUnsafe(statement);
          throw new Error("rollback");
        },
        { timeout: 600_000 },
      )
      .catch(() => {});
    console.log(
      `migration backfill of ${nodes.toLocaleString("en-US")} nodes: ${(performance.now() - started).toFixed(0)} ms`,
    );

    const [parent] = await prisma.$queryRaw<{ id: string; project_id: string; root_id: string }[]>`
      SELECT id::text, project_id::text, root_id::text FROM nodes
      WHERE project_id = ${projectId}::uuid AND round = 4 LIMIT 1`;
    console.log(`insert path: ${INSERTS} one-node step transactions each way (alternating blocks of 250):`);
    await insertCost(db.url, parent!, 1);
    await insertCost(db.url, parent!, 16);
    const [check] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM nodes WHERE round = 5`;
    console.log(`  (${check?.n} nodes inserted; the figures of those inserted with the triggers off are not kept)`);
    process.exitCode = dashboard.p95 <= TARGET_MS && page.p95 <= TARGET_MS ? 0 : 1;
    await disconnectPrisma();
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
