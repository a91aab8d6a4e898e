// `npm run bench:import`: generates a 52,000-row Alpaca-style JSONL (the size
// of Alpaca's seed pool), then times preview and import against a real
// Postgres. Targets: the import of the whole file in ≤ 10 s, of which parsing
// ≤ 2 s (a guard against accidental O(n²) work in the parser, e.g. rescanning
// for line numbers; the unit tests check the parser's results, not its speed).
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseSeedFile } from "@/lib/seeds/parse-seed-file";
import { openBenchDatabase } from "./bench-database";
import { generateAlpacaRows } from "./generate-alpaca-rows";

const ROWS = Number(process.env.BENCH_ROWS ?? 52_000);
const TARGET_SECONDS = 10;
const PARSE_TARGET_SECONDS = 2;

async function main() {
  const db = await openBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const { getPrisma, disconnectPrisma } = await import("@/lib/server/db/prisma");
  const { previewSeedImport } = await import("@/lib/server/seeds/preview-seed-import");
  const { importSeeds } = await import("@/lib/server/seeds/import-seeds");
  const { prepareQueue } = await import("@/lib/server/jobs/prepare-queue");
  const { stopBoss } = await import("@/lib/server/jobs/boss");
  try {
    // As the launcher does: an import queues the project's diversity job.
    await prepareQueue(db.url);
    const text = generateAlpacaRows(ROWS)
      .map((r) => JSON.stringify(r))
      .join("\n");
    const file = path.join(tmpdir(), `evol-bench-alpaca-${ROWS}.jsonl`);
    await writeFile(file, text);
    const bytes = new TextEncoder().encode(text);
    const prisma = getPrisma();
    const user = await prisma.user.create({
      data: { id: "bench-admin", name: "Bench", email: "bench@example.com", role: "admin" },
    });
    const project = await prisma.project.create({ data: { name: `bench ${Date.now()}` } });
    console.log(`file: ${ROWS.toLocaleString("en-US")} rows, ${(bytes.length / 1048576).toFixed(1)} MiB (${file})`);

    let t = performance.now();
    const parsedForPreview = parseSeedFile(bytes, { fileName: "alpaca.jsonl" });
    const preview = await previewSeedImport({ projectId: project.id, parsed: parsedForPreview });
    const previewSeconds = (performance.now() - t) / 1000;
    console.log(`preview (parse + duplicate check): ${previewSeconds.toFixed(2)} s, ${preview.newSeeds} new seeds`);

    t = performance.now();
    const parsed = parseSeedFile(bytes, { fileName: "alpaca.jsonl" });
    const parseSeconds = (performance.now() - t) / 1000;
    const summary = await importSeeds({ projectId: project.id, actorId: user.id, parsed });
    const importSeconds = (performance.now() - t) / 1000;
    const stored = await prisma.node.count({ where: { projectId: project.id } });
    console.log(
      `import (parse ${parseSeconds.toFixed(2)} s + write): ${importSeconds.toFixed(2)} s, ${summary.imported} imported, ${stored} stored`,
    );

    t = performance.now();
    const again = await importSeeds({
      projectId: project.id,
      actorId: user.id,
      parsed: parseSeedFile(bytes, { fileName: "alpaca.jsonl" }),
    });
    console.log(
      `re-import of the same file: ${((performance.now() - t) / 1000).toFixed(2)} s, ${again.alreadyInProject} recognised as already imported`,
    );
    console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    const ok = importSeconds <= TARGET_SECONDS && parseSeconds <= PARSE_TARGET_SECONDS && stored === ROWS;
    console.log(
      `${ok ? "PASS" : "FAIL"}: import ${importSeconds.toFixed(2)} s (target ≤ ${TARGET_SECONDS} s), ` +
        `parse ${parseSeconds.toFixed(2)} s (target ≤ ${PARSE_TARGET_SECONDS} s), ${stored}/${ROWS} rows stored`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stopBoss();
    await disconnectPrisma();
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
