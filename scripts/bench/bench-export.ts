// `npm run bench:export`: exports the whole 250,000-node project of
// `npm run seed:scale` as Alpaca JSONL with lineage columns, the way the
// export job does (Postgres keyset pages → encoder → file), and checks the
// targets: ≤ 15 s and peak RSS ≤ 300 MB. Uses BENCH_DATABASE_URL when set
// (seeding the project there if it is missing), else a throw-away database.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openBenchDatabase } from "./bench-database";

const NODES = Number(process.env.BENCH_NODES ?? 250_000);
const PROJECT = process.env.BENCH_PROJECT ?? "bench-scale";
const TARGET_SECONDS = 15;
const TARGET_RSS_MB = 300;

const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number) => n.toLocaleString("en-US");

async function main() {
  const db = await openBenchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), "evol-bench-export-"));
  try {
    process.env.DATABASE_URL = db.url;
    process.env.EVOL_DATA_DIR = dataDir;
    const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
    let project = await getPrisma().project.findUnique({ where: { name: PROJECT } });
    if (!project) {
      console.log(`seeding ${fmt(NODES)} nodes into "${PROJECT}" (npm run seed:scale)…`);
      const seeded = spawnSync(
        process.execPath,
        [
          path.resolve("node_modules/tsx/dist/cli.mjs"),
          "scripts/scale/seed-scale.ts",
          "--nodes",
          String(NODES),
          "--project",
          PROJECT,
        ],
        {
          env: { ...process.env, DATABASE_URL: db.url },
          stdio: ["ignore", "inherit", "inherit"],
        },
      );
      if (seeded.status !== 0) throw new Error(`seed:scale failed with ${seeded.status}`);
      project = await getPrisma().project.findUniqueOrThrow({ where: { name: PROJECT } });
    }
    const { createExport } = await import("@/lib/server/export/create-export");
    const { runExportInThread } = await import("@/lib/server/export/export-thread");
    const { exportOptionsSchema } = await import("@/lib/validation/export");

    const options = exportOptionsSchema.parse({ status: "all", format: "alpaca", lineage: true, includeSeeds: true });
    // The RSS before the export (Node, tsx, Prisma loaded) and its peak while exporting.
    const baseline = process.memoryUsage().rss;
    let sampledPeak = baseline;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const created = await createExport({ projectId: project.id, options, actorId: null, enqueue: false });
    // As the export worker and the CLI run it: in a thread with bounded heap (lib/server/export/export-thread.ts).
    const outcome = await runExportInThread({ exportId: created.exportId });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (outcome.status !== "done") throw new Error(`export failed: ${outcome.error}`);
    // maxRSS is in kilobytes: the kernel's own high-water mark of this process.
    const peakMb = Math.max(process.resourceUsage().maxRSS / 1024, mb(sampledPeak));

    console.log(
      `\nexported "${PROJECT}" (${fmt(created.expectedCount)} nodes selected) as alpaca JSONL with lineage columns`,
    );
    console.log(`  records   ${fmt(outcome.recordsWritten)} written, ${fmt(outcome.skipped)} skipped`);
    console.log(`  file      ${mb(outcome.bytes).toFixed(1)} MB, sha256 ${outcome.sha256}`);
    console.log(
      `  time      ${seconds.toFixed(2)} s (count + read + encode + write), ${fmt(Math.round(outcome.recordsWritten / seconds))} records/s`,
    );
    console.log(`  memory    peak RSS ${peakMb.toFixed(0)} MB (before the export: ${mb(baseline).toFixed(0)} MB)`);
    const timeOk = seconds <= TARGET_SECONDS;
    const memoryOk = peakMb <= TARGET_RSS_MB;
    console.log(`${timeOk ? "PASS" : "FAIL"}  time ≤ ${TARGET_SECONDS} s`);
    console.log(`${memoryOk ? "PASS" : "FAIL"}  peak RSS ≤ ${TARGET_RSS_MB} MB`);
    process.exitCode = timeOk && memoryOk ? 0 : 1;
    await disconnectPrisma();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
