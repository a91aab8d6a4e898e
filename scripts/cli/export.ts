// `npm run export -- --project <name> --format <fmt> --out <file> [filters]`:
// the export the app's export page makes, from a terminal, with a progress
// bar. It is recorded like any other, so the app can offer it again.
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { loadEnv } from "@/lib/server/config/env";
import { exportOptionsSchema } from "@/lib/validation/export";
import { connectDatabase } from "./connect-database";
import { EXPORT_USAGE, parseExportArgs } from "./export-args";

const fmt = (n: number) => n.toLocaleString("en-US");

async function main() {
  loadEnv();
  const args = parseExportArgs(process.argv.slice(2));
  if (args.help || !args.project || !args.out) {
    console.log(EXPORT_USAGE);
    process.exit(args.help ? 0 : 2);
  }
  const parsed = exportOptionsSchema.safeParse(args.options);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const options = parsed.data;
  const out = path.resolve(args.out);

  const database = await connectDatabase((m) => console.error(`[evol] ${m}`));
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { createExport } = await import("@/lib/server/export/create-export");
  const { runExportInThread } = await import("@/lib/server/export/export-thread");
  const cleanup = async () => {
    await disconnectPrisma();
    await database.stop();
  };
  try {
    const prisma = getPrisma();
    const project = await prisma.project.findUnique({ where: { name: args.project } });
    if (!project) {
      const names = (await prisma.project.findMany({ select: { name: true }, take: 20 })).map((p) => p.name);
      throw new Error(`no project named "${args.project}"${names.length ? ` (projects: ${names.join(", ")})` : ""}`);
    }
    let actorId: string | null = null;
    if (args.as) {
      const user = await prisma.user.findUnique({ where: { email: args.as } });
      if (!user || user.banned) throw new Error(`no active account ${args.as}`);
      if (user.role !== "admin") throw new Error(`${args.as} is not an admin; only admins may export`);
      actorId = user.id;
    }
    const created = await createExport({ projectId: project.id, options, actorId, enqueue: false });
    console.log(
      `export ${created.exportId}: ${fmt(created.expectedCount)} nodes selected from "${project.name}", ${options.format}${options.lineage ? " with lineage" : ""}${options.bundle ? ", bundled" : ""}`,
    );
    const bar = new cliProgress.SingleBar(
      {
        format:
          "{bar} {percentage}% | {value}/{total} nodes | {records} written | {skipped} skipped | {dupes} near-duplicates | ETA {eta_formatted}",
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(1, created.expectedCount), 0, { records: 0, skipped: 0, dupes: 0 });
    const started = performance.now();
    const outcome = await runExportInThread({
      exportId: created.exportId,
      onProgress: (p) =>
        bar.update(Math.min(p.read, created.expectedCount), {
          records: fmt(p.records),
          skipped: fmt(p.skipped),
          dupes: fmt(p.duplicatesRemoved),
        }),
    });
    bar.update(created.expectedCount);
    bar.stop();
    if (outcome.status !== "done" || !outcome.file) throw new Error(`export failed: ${outcome.error}`);
    await mkdir(path.dirname(out), { recursive: true });
    await copyFile(outcome.file, out);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `wrote ${out}: ${fmt(outcome.recordsWritten)} records, ${fmt(outcome.skipped)} skipped, ${fmt(outcome.duplicatesRemoved)} near-duplicates removed, ` +
        `${fmt(outcome.bytes)} bytes of data in ${seconds.toFixed(1)} s`,
    );
    console.log(`sha256 ${outcome.sha256} (data file)`);
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(`[export] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
