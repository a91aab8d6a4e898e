// `npm run bench:export -- --nodes N --format jsonl|parquet|both` (BENCH_NODES
// as a fallback; default 250,000 nodes, both formats): exports the whole
// project of `npm run seed:scale` the way the export job does (Postgres keyset
// pages → encoder → file, in a worker thread with a bounded heap): Alpaca JSONL
// with lineage columns, and Parquet. Each export runs in its own child process,
// so each peak RSS is the kernel's high-water mark of that export alone.
// Targets (issue 15): JSONL ≤ 15 s up to 250,000 nodes and ≤ 60 s at 1,000,000;
// Parquet of 250,000 nodes ≤ 30 s (no time target above 250,000); peak RSS
// ≤ 300 MB for both. Uses BENCH_DATABASE_URL when set (seeding the project
// there if it is missing), else a throw-away database.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MALLOC_ENV } from "@/lib/server/bootstrap/malloc-env";
import { parseScaleBenchArgs } from "./bench-args";
import { openSeededDatabase } from "./seeded-database";

const PROJECT = process.env.BENCH_PROJECT ?? "bench-scale";
const TARGET_RSS_MB = 300;
const CHILD_FLAG = "--export-child";
const RESULT_PREFIX = "bench-export-result ";

type Format = "jsonl" | "parquet";

interface ExportResult {
  format: Format;
  selected: number;
  records: number;
  skipped: number;
  bytes: number;
  seconds: number;
  peakMb: number;
  baselineMb: number;
  /** CPU seconds of the process (main thread and export thread): meaningful when the machine is shared. */
  cpuSeconds: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number) => n.toLocaleString("en-US");

/** The time target of an export of `nodes` nodes, or null where the issue sets none. */
function exportTargetSeconds(format: Format, nodes: number): number | null {
  if (format === "jsonl") return nodes <= 250_000 ? 15 : 60;
  return nodes <= 250_000 ? 30 : null;
}

/** In the child: one export of the project, its figures printed as one JSON line. */
async function exportOnce(format: Format) {
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const project = await getPrisma().project.findUniqueOrThrow({ where: { name: PROJECT } });
  const { createExport } = await import("@/lib/server/export/create-export");
  const { runExportInThread } = await import("@/lib/server/export/export-thread");
  const { exportOptionsSchema } = await import("@/lib/validation/export");
  const options = exportOptionsSchema.parse({
    status: "all",
    format: format === "jsonl" ? "alpaca" : "parquet",
    lineage: true,
    includeSeeds: true,
  });
  // The RSS before the export (Node, tsx, Prisma loaded) and its peak while exporting.
  const baseline = process.memoryUsage().rss;
  let sampledPeak = baseline;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const created = await createExport({ projectId: project.id, options, actorId: null, enqueue: false });
  // As the export worker and the CLI run it: in a thread with bounded heap (lib/server/export/export-thread.ts).
  const outcome = await runExportInThread({ exportId: created.exportId });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (outcome.status !== "done") throw new Error(`${format} export failed: ${outcome.error}`);
  // maxRSS is in kilobytes: the kernel's own high-water mark of this process.
  const result: ExportResult = {
    format,
    selected: created.expectedCount,
    records: outcome.recordsWritten,
    skipped: outcome.skipped,
    bytes: outcome.bytes,
    seconds,
    peakMb: Math.max(process.resourceUsage().maxRSS / 1024, mb(sampledPeak)),
    baselineMb: mb(baseline),
    cpuSeconds: (() => {
      const cpu = process.cpuUsage(cpuBefore);
      return (cpu.user + cpu.system) / 1e6;
    })(),
  };
  console.log(RESULT_PREFIX + JSON.stringify(result));
  await disconnectPrisma();
}

function runChild(format: Format, url: string): ExportResult {
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), CHILD_FLAG, format], {
    // As `npm run worker` and `npm start` run the process an export runs in (decision 0051).
    env: { ...process.env, ...MALLOC_ENV, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = child.stdout
    .split("\n")
    .find((l) => l.startsWith(RESULT_PREFIX))
    ?.slice(RESULT_PREFIX.length);
  if (child.status !== 0 || !line) throw new Error(`the ${format} export failed (${child.status ?? child.signal})`);
  return JSON.parse(line) as ExportResult;
}

async function main() {
  const args = parseScaleBenchArgs(process.argv.slice(2));
  const dataDir = await mkdtemp(path.join(tmpdir(), "evol-bench-export-"));
  process.env.EVOL_DATA_DIR = dataDir;
  const db = await openSeededDatabase({ nodes: args.nodes, project: PROJECT });
  try {
    let ok = true;
    const lines: string[] = [];
    for (const format of args.formats) {
      const r = runChild(format, db.url);
      console.log(
        `\nexported "${PROJECT}" (${fmt(r.selected)} nodes selected) as ${format === "jsonl" ? "alpaca JSONL" : "Parquet"} with lineage columns`,
      );
      console.log(
        `  records   ${fmt(r.records)} written, ${fmt(r.skipped)} skipped; file ${mb(r.bytes).toFixed(1)} MB`,
      );
      console.log(
        `  time      ${r.seconds.toFixed(2)} s (count + read + encode + write), ${fmt(Math.round(r.records / r.seconds))} records/s, CPU ${r.cpuSeconds.toFixed(1)} s`,
      );
      console.log(`  memory    peak RSS ${r.peakMb.toFixed(0)} MB (before the export: ${r.baselineMb.toFixed(0)} MB)`);
      const target = exportTargetSeconds(format, r.selected);
      const timeOk = target === null || r.seconds <= target;
      const memoryOk = r.peakMb <= TARGET_RSS_MB;
      ok &&= timeOk && memoryOk;
      lines.push(
        `${timeOk ? "PASS" : "FAIL"}  ${format.padEnd(7)} time ${r.seconds.toFixed(1)} s` +
          (target === null ? " (no target above 250,000 nodes)" : ` ≤ ${target} s`),
        `${memoryOk ? "PASS" : "FAIL"}  ${format.padEnd(7)} peak RSS ${r.peakMb.toFixed(0)} MB ≤ ${TARGET_RSS_MB} MB`,
      );
    }
    console.log(
      `\n${fmt(args.nodes)} nodes` +
        (db.seedSeconds === null ? "" : `, seeded in ${db.seedSeconds.toFixed(1)} s`) +
        ":",
    );
    for (const line of lines) console.log(line);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.close();
  }
}

async function child(format: string) {
  if (format !== "jsonl" && format !== "parquet") throw new Error(`unknown format ${format}`);
  await exportOnce(format);
}

const childAt = process.argv.indexOf(CHILD_FLAG);
(childAt >= 0 ? child(process.argv[childAt + 1] ?? "") : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
