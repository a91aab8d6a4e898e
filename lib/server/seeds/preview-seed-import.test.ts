import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSeedFile } from "@/lib/seeds/parse-seed-file";
import { readJsonLines, readJsonRecords, SEED_TASKS_FILE, WIZARDLM_LAYOUT_FILE } from "@/tests/fixtures/seed-files";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { importSeeds } = await import("./import-seeds");
const { previewSeedImport } = await import("./preview-seed-import");

const SEED_LINES = readJsonLines(SEED_TASKS_FILE);
const SEED_RAW = SEED_LINES.map(
  (l) =>
    JSON.parse(l) as {
      instruction: string;
      instances: { input: string; output: string }[];
      id: string;
      name: string;
      is_classification: boolean;
    },
);
const parseText = (text: string, fileName: string) => parseSeedFile(new TextEncoder().encode(text), { fileName });

let admin: TestUser;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

const newProject = async () => (await getPrisma().project.create({ data: { name: `preview ${randomUUID()}` } })).id;

async function footprint() {
  const prisma = getPrisma();
  return [
    await prisma.node.count(),
    await prisma.seedImport.count(),
    await prisma.auditEvent.count(),
    await prisma.project.count(),
  ];
}

describe("previewSeedImport", () => {
  it("counts new seeds against what the project already holds", async () => {
    const projectId = await newProject();
    await importSeeds({
      projectId,
      actorId: admin.id,
      parsed: parseText(SEED_LINES.slice(0, 50).join("\n"), "first50.jsonl"),
    });
    const parsed = parseSeedFile(readFileSync(SEED_TASKS_FILE), { fileName: "seed_tasks.jsonl" });
    const preview = await previewSeedImport({ projectId, parsed, fileName: "seed_tasks.jsonl" });
    expect(preview).toMatchObject({
      fileName: "seed_tasks.jsonl",
      format: "jsonl",
      schema: "self_instruct",
      rowsRead: SEED_LINES.length,
      valid: SEED_LINES.length,
      newSeeds: SEED_LINES.length - 50,
      alreadyInProject: 50,
      errorCount: 0,
      errors: [],
      duplicateCount: 0,
      duplicates: [],
    });
  });

  it("shows the first five seeds as a sample, as the file has them", async () => {
    const parsed = parseSeedFile(readFileSync(SEED_TASKS_FILE), { fileName: "seed_tasks.jsonl" });
    const { sample } = await previewSeedImport({ projectId: await newProject(), parsed });
    expect(sample).toEqual(
      SEED_RAW.slice(0, 5).map((r, i) => ({
        line: i + 1,
        instruction: r.instruction.trim(),
        input: (r.instances[0]?.input ?? "").trim(),
        output: (r.instances[0]?.output ?? "").trim() || null,
        metadata: { id: r.id, name: r.name, is_classification: r.is_classification },
      })),
    );
  });

  it("counts the in-file duplicate of a file in the WizardLM test-set layout", async () => {
    const records = readJsonRecords(WIZARDLM_LAYOUT_FILE);
    const distinct = new Set(records.map((r) => String(r.Instruction).split(/\s+/).filter(Boolean).join(" "))).size;
    // 25 rows, one of which repeats another but for a trailing space (data/seeds/README.md).
    expect([records.length, distinct]).toEqual([25, 24]);
    const preview = await previewSeedImport({
      projectId: await newProject(),
      parsed: parseSeedFile(readFileSync(WIZARDLM_LAYOUT_FILE), { fileName: "wizardlm-layout.jsonl" }),
    });
    expect(preview).toMatchObject({
      rowsRead: records.length,
      valid: distinct,
      newSeeds: distinct,
      alreadyInProject: 0,
      duplicateCount: records.length - distinct,
      errorCount: 0,
    });
    expect(preview.duplicates).toEqual([{ line: 21, firstLine: 13 }]);
  });

  it("caps the listed errors and duplicates at 200 but counts them all", async () => {
    // 10 good records, 250 broken lines, then 230 repeats of the first good record.
    const good = Array.from({ length: 10 }, (_, i) => JSON.stringify({ instruction: `good ${i}` }));
    const bad = Array.from({ length: 250 }, (_, i) => `{broken ${i}`);
    const repeats = Array.from({ length: 230 }, () => good[0]);
    const parsed = parseText([...good, ...bad, ...repeats].join("\n"), "mixed.jsonl");
    const preview = await previewSeedImport({ projectId: await newProject(), parsed });
    expect(preview).toMatchObject({
      rowsRead: 490,
      valid: 10,
      newSeeds: 10,
      alreadyInProject: 0,
      errorCount: 250,
      duplicateCount: 230,
    });
    expect(preview.errors).toHaveLength(200);
    expect(preview.errors.map((e) => e.line)).toEqual(Array.from({ length: 200 }, (_, i) => 11 + i));
    expect(preview.errors[0].message).toMatch(/^Line 11: /);
    expect(preview.duplicates).toHaveLength(200);
    expect(preview.duplicates[0]).toEqual({ line: 261, firstLine: 1 });
    expect(preview.sample.map((s) => s.instruction)).toEqual(["good 0", "good 1", "good 2", "good 3", "good 4"]);
  });

  it("writes nothing to the database", async () => {
    const projectId = await newProject();
    await importSeeds({
      projectId,
      actorId: admin.id,
      parsed: parseText(SEED_LINES.slice(0, 3).join("\n"), "three.jsonl"),
    });
    const before = await footprint();
    const parsed = parseSeedFile(readFileSync(SEED_TASKS_FILE), { fileName: "seed_tasks.jsonl" });
    const first = await previewSeedImport({ projectId, parsed });
    const second = await previewSeedImport({ projectId, parsed });
    expect(await footprint()).toEqual(before);
    expect(first.newSeeds).toBe(SEED_LINES.length - 3);
    expect(second).toEqual(first);
  });

  it("treats seeds in another project as new", async () => {
    const full = await newProject();
    await importSeeds({
      projectId: full,
      actorId: admin.id,
      parsed: parseText(SEED_LINES.slice(0, 20).join("\n"), "twenty.jsonl"),
    });
    const parsed = parseText(SEED_LINES.slice(0, 20).join("\n"), "twenty.jsonl");
    expect((await previewSeedImport({ projectId: full, parsed })).newSeeds).toBe(0);
    expect((await previewSeedImport({ projectId: await newProject(), parsed })).newSeeds).toBe(20);
  });
});
