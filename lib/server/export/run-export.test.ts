// A recorded export, run as the job runs it: the row ends with the counts,
// the size and the sha-256 of the stored file; a bundle holds the data file,
// a dataset card, a LLaMA-Factory entry and an axolotl snippet; near-
// duplicates are removed and counted the same way the form's preview counts
// them; a queued export is picked up by the export worker.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHashOf } from "@/lib/seeds/content-hash";
import { createExportProject } from "@/tests/fixtures/export-project";
import { readZip } from "@/tests/fixtures/read-zip";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { exportOptionsSchema, exportSelectionSchema } from "@/lib/validation/export";

const { url } = await setupTestDatabase();
const dataDir = await withTemporaryDataDir("export-run");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { stopBoss } = await import("@/lib/server/jobs/boss");
const { createExport } = await import("./create-export");
const { runExport } = await import("./run-export");
const { openExportFile } = await import("./open-export-file");
const { countNearDuplicates } = await import("./count-near-duplicates");
const { startExportWorker } = await import("@/lib/server/jobs/export-worker");
afterAll(() => stopBoss());

let admin: TestUser;
let annotator: TestUser;
let fixture: Awaited<ReturnType<typeof createExportProject>>;

beforeAll(async () => {
  admin = await createTestUser("admin");
  fixture = await createExportProject({
    admin,
    annotator: (annotator = await createTestUser("annotator")),
    name: "Évol demo: rain & primes",
  });
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function exportNow(partial: object) {
  const created = await createExport({
    projectId: fixture.project.id,
    options: exportOptionsSchema.parse(partial),
    actorId: admin.id,
    enqueue: false,
  });
  const outcome = await runExport({ exportId: created.exportId });
  const row = await getPrisma().export.findUniqueOrThrow({ where: { id: created.exportId } });
  return { created, outcome, row };
}

describe("runExport", () => {
  it("records counts, size and the sha-256 of the stored file", async () => {
    const { created, outcome, row } = await exportNow({ status: "accepted_or_passing_unreviewed", format: "alpaca" });
    expect(created.expectedCount).toBe(7);
    expect(created.fileName).toMatch(/^evol-demo-rain-primes-alpaca-\d{8}-\d{6}\.jsonl$/);
    const file = path.join(dataDir, "exports", fixture.project.id, created.exportId, created.fileName);
    expect(outcome.file).toBe(file);
    const bytes = await readFile(file);
    expect(row).toMatchObject({
      status: "done",
      format: "alpaca",
      lineage: true,
      bundle: false,
      expectedCount: 7,
      // S3 has no answer: every format leaves it out, and counts it.
      recordsWritten: 6,
      skipped: 1,
      duplicatesRemoved: 0,
      createdById: admin.id,
      error: null,
    });
    expect(row.sha256).toBe(sha256(bytes));
    expect(Number(row.bytes)).toBe(bytes.length);
    expect(row.finishedAt).not.toBeNull();
    const lines = bytes
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id).sort()).toEqual(
      ["A", "B", "D", "F", "S1", "S2"].map((k) => fixture.nodes[k as "A"].id).sort(),
    );
    const f = lines.find((l) => l.id === fixture.nodes.F.id);
    expect(f).toMatchObject({
      round: 1,
      operation: "breadth",
      verdict: "failed",
      failed_rules: ["copied_prompt"],
      human_status: "accepted",
      reviewers: [annotator.email, admin.email],
      reviewer_names: ["Test annotator", "Test admin"],
    });
    expect(row.selection).toMatchObject({
      status: "accepted_or_passing_unreviewed",
      includeSeeds: true,
      rounds: [],
      format: "alpaca",
      lineage: true,
    });
    const audit = await getPrisma().auditEvent.findFirstOrThrow({
      where: { action: "export.start", targetId: fixture.project.id },
      orderBy: { id: "desc" },
    });
    expect(audit.actorId).toBe(admin.id);
  });

  it("writes a bundle: archive, card with figures, dataset_info.json and axolotl snippet, each downloadable alone", async () => {
    const { created, outcome, row } = await exportNow({
      status: "all",
      format: "sharegpt",
      bundle: true,
      systemPrompt: "Be brief.",
    });
    expect(outcome.status).toBe("done");
    expect(row).toMatchObject({ recordsWritten: 8, skipped: 2, lineage: false, bundle: true });
    const zipName = created.fileName.replace(/\.jsonl$/, ".zip");
    expect(path.basename(outcome.file!)).toBe(zipName);
    const entries = readZip(await readFile(outcome.file!));
    expect([...entries.keys()]).toEqual([created.fileName, "README.md", "dataset_info.json", "axolotl.yaml"]);
    const data = entries.get(created.fileName)!;
    expect(sha256(data)).toBe(row.sha256);

    const card = entries.get("README.md")!.toString("utf8");
    expect(card.startsWith("---\n")).toBe(true);
    expect(card).toContain(`path: "${created.fileName}"`);
    expect(card).toContain(row.sha256!);
    // Written records per round: seeds S1, S2 (S3 has no answer); round 1 A, D, F (G has none); round 2 B, C, E.
    expect(card).toMatch(/\| 0 \(seeds\) \| 2 \|/);
    expect(card).toMatch(/\| 1 \| 3 \|/);
    expect(card).toMatch(/\| 2 \| 3 \|/);
    expect(card).toMatch(/\| deepen \| 2 \|/);
    expect(card).toMatch(/\| refusal \| 1 \|/);
    expect(card).toMatch(/\| accepted \| 3 \|/);
    expect(card).toContain("sim-evolve");
    expect(card).toContain("first run");
    expect(card).toMatch(/Method[^\n]*paper v1/);

    const info = JSON.parse(entries.get("dataset_info.json")!.toString("utf8"));
    expect(info).toEqual({
      evol_demo_rain_primes: {
        file_name: created.fileName,
        formatting: "sharegpt",
        columns: { messages: "conversations", system: "system" },
        tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
      },
    });
    expect(entries.get("axolotl.yaml")!.toString("utf8")).toContain(`path: "${created.fileName}"`);

    for (const [file, name] of [
      ["card", "README.md"],
      ["dataset_info", "dataset_info.json"],
      ["axolotl", "axolotl.yaml"],
      ["data", created.fileName],
      ["archive", zipName],
    ] as const) {
      const opened = await openExportFile({ projectId: fixture.project.id, exportId: created.exportId, file });
      expect(opened.name).toBe(name);
      const body = Buffer.from(await new Response(opened.body).arrayBuffer());
      expect(body.length).toBe(opened.size);
      if (file === "data") expect(body.equals(data)).toBe(true);
      if (file === "card") expect(body.toString("utf8")).toBe(card);
    }
    // Without ?file=, a bundle downloads as the archive.
    const whole = await openExportFile({ projectId: fixture.project.id, exportId: created.exportId });
    expect(whole.name).toBe(zipName);
  });

  it("refuses to hand out what is not there: another project's export, an unfinished one, bundle files of a plain export", async () => {
    const { created } = await exportNow({ format: "csv" });
    const other = await getPrisma().project.create({ data: { name: `other ${Date.now()}` } });
    await expect(openExportFile({ projectId: other.id, exportId: created.exportId })).rejects.toThrow(
      new NotFoundError("Unknown export."),
    );
    await expect(
      openExportFile({ projectId: fixture.project.id, exportId: created.exportId, file: "card" }),
    ).rejects.toThrow(new NotFoundError("This export has no bundle files."));
    const queued = await createExport({
      projectId: fixture.project.id,
      options: exportOptionsSchema.parse({}),
      actorId: admin.id,
      enqueue: false,
    });
    await expect(openExportFile({ projectId: fixture.project.id, exportId: queued.exportId })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it("removes near-duplicates, counting as many as the preview promised", async () => {
    const prisma = getPrisma();
    const project = await prisma.project.create({ data: { name: `dupes ${Date.now()}` } });
    const texts = [
      "Explain how a hash map handles collisions.",
      "Explain how a HASH MAP handles collisions!", // same after normalising case and punctuation
      "Describe the water cycle for a ten-year-old.",
      "Describe the water cycle for a ten year old.", // same shingles once punctuation is a space
      "List three uses of graph databases in logistics.",
    ];
    for (const instruction of texts) {
      const id = uuid7();
      await prisma.node.create({
        data: {
          id,
          projectId: project.id,
          rootId: id,
          instruction,
          output: "ok",
          contentHash: contentHashOf(instruction, ""),
          humanStatus: "accepted",
        },
      });
    }
    const selection = exportSelectionSchema.parse({});
    expect(await countNearDuplicates({ projectId: project.id, selection, threshold: 0.8 })).toBe(2);
    const created = await createExport({
      projectId: project.id,
      options: exportOptionsSchema.parse({
        format: "alpaca",
        lineage: false,
        dedupe: { enabled: true, threshold: 0.8 },
      }),
      actorId: null,
      enqueue: false,
    });
    const outcome = await runExport({ exportId: created.exportId });
    expect(outcome).toMatchObject({ status: "done", recordsWritten: 3, duplicatesRemoved: 2 });
    const kept = (await readFile(outcome.file!, "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).instruction);
    expect(kept).toEqual([texts[0], texts[2], texts[4]]);
    const row = await prisma.export.findUniqueOrThrow({ where: { id: created.exportId } });
    expect(row).toMatchObject({ duplicatesRemoved: 2, recordsWritten: 3, createdById: null });
  });

  it("runs a queued export in the export worker", async () => {
    const created = await createExport({
      projectId: fixture.project.id,
      options: exportOptionsSchema.parse({ format: "parquet" }),
      actorId: admin.id,
      enqueue: true,
    });
    const worker = await startExportWorker({ connectionString: url, concurrency: 1, threads: false });
    try {
      const deadline = Date.now() + 20_000;
      let row = await getPrisma().export.findUniqueOrThrow({ where: { id: created.exportId } });
      while (row.status !== "done" && row.status !== "failed" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        row = await getPrisma().export.findUniqueOrThrow({ where: { id: created.exportId } });
      }
      expect(row).toMatchObject({ status: "done", recordsWritten: 3, expectedCount: 3 });
      const file = path.join(dataDir, "exports", row.storagePath!, row.fileName);
      expect((await stat(file)).size).toBe(Number(row.bytes));
      expect(sha256(await readFile(file))).toBe(row.sha256);
    } finally {
      await worker.stop();
    }
  });
});
