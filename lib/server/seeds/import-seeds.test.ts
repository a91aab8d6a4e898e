import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { contentHashOf, parseSeedFile, type ParseResult, type ParsedSeed } from "@/lib/seeds/parse-seed-file";
import { readJsonLines, readJsonRecords, SEED_TASKS_FILE, WIZARDLM_LAYOUT_FILE } from "@/tests/fixtures/seed-files";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { UserFacingError } = await import("@/lib/server/errors");
const { importSeeds } = await import("./import-seeds");

type Raw = Record<string, unknown>;
const SEED_LINES = readJsonLines(SEED_TASKS_FILE);
const SEED_RAW = SEED_LINES.map((l) => JSON.parse(l) as Raw);
const firstInstance = (r: Raw) => ((r.instances as Raw[])[0] ?? {}) as { input?: string; output?: string };

const parseText = (text: string, fileName: string) => parseSeedFile(new TextEncoder().encode(text), { fileName });
const seedTasks = () => parseSeedFile(readFileSync(SEED_TASKS_FILE), { fileName: "seed_tasks.jsonl" });

let admin: TestUser;
beforeAll(async () => {
  admin = await createTestUser("admin");
});

async function newProject() {
  return (await getPrisma().project.create({ data: { name: `import ${randomUUID()}` } })).id;
}

async function footprint(projectId: string) {
  const prisma = getPrisma();
  return {
    nodes: await prisma.node.count({ where: { projectId } }),
    imports: await prisma.seedImport.count({ where: { projectId } }),
    audit: await prisma.auditEvent.count(),
  };
}

const nodesInFileOrder = (projectId: string) =>
  getPrisma().node.findMany({ where: { projectId }, orderBy: { id: "asc" } });

describe("importing seed_tasks.jsonl", () => {
  let projectId: string;
  let summary: Awaited<ReturnType<typeof importSeeds>>;
  const startedAt = Date.now();

  beforeAll(async () => {
    projectId = await newProject();
    summary = await importSeeds({ projectId, actorId: admin.id, parsed: seedTasks(), fileName: "seed_tasks.jsonl" });
  });

  it("writes one root node per record, all tied to one SeedImport row", async () => {
    expect(summary).toMatchObject({
      imported: SEED_RAW.length,
      duplicatesInFile: 0,
      alreadyInProject: 0,
      skippedInvalid: 0,
    });
    const nodes = await nodesInFileOrder(projectId);
    expect(nodes).toHaveLength(175);
    for (const node of nodes) {
      expect(node).toMatchObject({ round: 0, parentId: null, rootId: node.id, projectId, importId: summary.importId });
    }
    const row = await getPrisma().seedImport.findUniqueOrThrow({ where: { id: summary.importId } });
    expect(row).toMatchObject({
      projectId,
      createdById: admin.id,
      fileName: "seed_tasks.jsonl",
      format: "jsonl",
      schema: "self_instruct",
      rowsRead: 175,
      rowsImported: 175,
      duplicates: 0,
      skippedInvalid: 0,
    });
    expect(await getPrisma().seedImport.count({ where: { projectId } })).toBe(1);
  });

  it("stores each record's text and metadata as the file has them, in file order", async () => {
    const nodes = await nodesInFileOrder(projectId);
    nodes.forEach((node, i) => {
      const raw = SEED_RAW[i];
      const instance = firstInstance(raw);
      expect(node.instruction).toBe(String(raw.instruction).trim());
      expect(node.input).toBe((instance.input ?? "").trim());
      expect(node.output).toBe((instance.output ?? "").trim() || null);
      expect(node.metadata).toEqual({ id: raw.id, name: raw.name, is_classification: raw.is_classification });
    });
    // Spot-check one record with an input, located in the file independently.
    const i = SEED_RAW.findIndex((r) => (firstInstance(r).input ?? "").trim().length > 20);
    expect(nodes[i].input).toBe(firstInstance(SEED_RAW[i]).input!.trim());
    expect(nodes[i].input.length).toBeGreaterThan(20);
  });

  it("gives nodes UUIDv7 ids stamped with the import time", async () => {
    const nodes = await nodesInFileOrder(projectId);
    for (const { id } of nodes) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const ms = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(ms).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(nodes.map((n) => (n.metadata as Raw).id)).toEqual(SEED_RAW.map((r) => r.id));
  });

  it("records a seeds.import audit event naming the actor", async () => {
    const events = await getPrisma().auditEvent.findMany({ where: { action: "seeds.import", targetId: projectId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: admin.id,
      targetType: "project",
      data: {
        importId: summary.importId,
        imported: 175,
        fileName: "seed_tasks.jsonl",
        format: "jsonl",
        schema: "self_instruct",
      },
    });
  });
});

describe("importing a file in the WizardLM test-set layout", () => {
  it("imports the distinct seeds with skill and numeric difficulty, counting the duplicate", async () => {
    const raw = readJsonRecords(WIZARDLM_LAYOUT_FILE);
    const distinct = new Set(raw.map((r) => String(r.Instruction).split(/\s+/).filter(Boolean).join(" "))).size;
    // 25 rows, one of which repeats another but for a trailing space (data/seeds/README.md).
    expect([raw.length, distinct]).toEqual([25, 24]);

    const projectId = await newProject();
    const parsed = parseSeedFile(readFileSync(WIZARDLM_LAYOUT_FILE), { fileName: "wizardlm-layout.jsonl" });
    const summary = await importSeeds({ projectId, actorId: admin.id, parsed, fileName: "wizardlm-layout.jsonl" });
    expect(summary).toMatchObject({ imported: distinct, duplicatesInFile: raw.length - distinct, alreadyInProject: 0 });
    const row = await getPrisma().seedImport.findUniqueOrThrow({ where: { id: summary.importId } });
    expect(row).toMatchObject({ rowsRead: 25, rowsImported: 24, duplicates: 1, schema: "wizardlm_testset" });

    const nodes = await getPrisma().node.findMany({ where: { projectId } });
    expect(nodes).toHaveLength(24);
    const byIdx = new Map(raw.map((r) => [r.idx, r]));
    for (const node of nodes) {
      const meta = node.metadata as Raw;
      const source = byIdx.get(meta.idx)!;
      expect(node.instruction).toBe(String(source.Instruction).trim());
      expect(meta.skill).toBe(String(source.Skill).trim());
      expect(typeof meta.difficulty).toBe("number");
      expect(meta.difficulty).toBe(Number(source.Difficulty));
    }
  });
});

describe("duplicates across imports", () => {
  it("imports nothing the second time and says so in a SeedImport row", async () => {
    const projectId = await newProject();
    await importSeeds({ projectId, actorId: admin.id, parsed: seedTasks() });
    const again = await importSeeds({ projectId, actorId: admin.id, parsed: seedTasks(), fileName: "again.jsonl" });
    expect(again).toMatchObject({ imported: 0, alreadyInProject: 175, duplicatesInFile: 0 });
    expect(await getPrisma().seedImport.findUniqueOrThrow({ where: { id: again.importId } })).toMatchObject({
      rowsRead: 175,
      rowsImported: 0,
      duplicates: 175,
    });
    expect(await getPrisma().node.count({ where: { projectId } })).toBe(175);
    expect(await getPrisma().node.count({ where: { importId: again.importId } })).toBe(0);
  });

  it("imports only the new records of an overlapping file", async () => {
    const projectId = await newProject();
    await importSeeds({
      projectId,
      actorId: admin.id,
      parsed: parseText(SEED_LINES.slice(0, 100).join("\n"), "first.jsonl"),
    });
    const rest = await importSeeds({
      projectId,
      actorId: admin.id,
      parsed: parseText(SEED_LINES.slice(60).join("\n"), "rest.jsonl"),
    });
    expect(rest).toMatchObject({ imported: 75, alreadyInProject: 40 });
    const added = await getPrisma().node.findMany({ where: { importId: rest.importId }, orderBy: { id: "asc" } });
    expect(added.map((n) => (n.metadata as Raw).id)).toEqual(SEED_RAW.slice(100).map((r) => r.id));
    expect(await getPrisma().node.count({ where: { projectId } })).toBe(175);
  });

  it("serialises two concurrent imports of the same file so each seed lands once", async () => {
    const projectId = await newProject();
    const results = await Promise.all(
      [1, 2].map(() => importSeeds({ projectId, actorId: admin.id, parsed: seedTasks() })),
    );
    expect(results.map((r) => r.imported).sort((a, b) => a - b)).toEqual([0, 175]);
    expect(await getPrisma().node.count({ where: { projectId } })).toBe(175);
  });
});

describe("all or nothing", () => {
  const withTwoBadLines = [
    '{"instruction":"good one"}',
    "{broken",
    '{"instruction":"good two"}',
    '{"instruction":"   "}',
    '{"instruction":"good three"}',
  ].join("\n");

  it("refuses a file with bad records unless told to skip them, writing nothing", async () => {
    const projectId = await newProject();
    const before = await footprint(projectId);
    const attempt = importSeeds({ projectId, actorId: admin.id, parsed: parseText(withTwoBadLines, "bad.jsonl") });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(/^2 record\(s\) have errors/);
    expect(await footprint(projectId)).toEqual(before);
  });

  it("imports the good records and counts the skipped ones with skipInvalid", async () => {
    const projectId = await newProject();
    const summary = await importSeeds({
      projectId,
      actorId: admin.id,
      parsed: parseText(withTwoBadLines, "bad.jsonl"),
      skipInvalid: true,
    });
    expect(summary).toMatchObject({ imported: 3, skippedInvalid: 2 });
    expect(await getPrisma().seedImport.findUniqueOrThrow({ where: { id: summary.importId } })).toMatchObject({
      rowsRead: 5,
      rowsImported: 3,
      skippedInvalid: 2,
    });
    const nodes = await nodesInFileOrder(projectId);
    expect(nodes.map((n) => n.instruction)).toEqual(["good one", "good two", "good three"]);
  });

  it("rolls back every chunk when a later chunk fails in the database", async () => {
    const projectId = await newProject();
    const seed = (i: number, instruction = `generated seed ${i}`): ParsedSeed => ({
      line: i + 1,
      instruction,
      input: "",
      output: null,
      metadata: {},
      contentHash: contentHashOf(instruction, ""),
    });
    // More than one insert chunk (5,000); Postgres text refuses NUL, so the second chunk fails.
    const seeds = Array.from({ length: 6_000 }, (_, i) => (i === 5_500 ? seed(i, "bad \u0000 byte") : seed(i)));
    const parsed: ParseResult = {
      format: "jsonl",
      schema: "alpaca",
      mapping: { instruction: "instruction", input: null, output: null, metadata: [] },
      rowsRead: seeds.length,
      seeds,
      errors: [],
      duplicates: [],
    };
    const before = await footprint(projectId);
    await expect(importSeeds({ projectId, actorId: admin.id, parsed })).rejects.toThrow();
    expect(await footprint(projectId)).toEqual(before);
    expect(before.nodes).toBe(0);
    // The lock and connection were released: a good import still works.
    const ok = await importSeeds({
      projectId,
      actorId: admin.id,
      parsed: { ...parsed, seeds: seeds.slice(0, 10), rowsRead: 10 },
    });
    expect(ok.imported).toBe(10);
  });

  it("refuses a project that does not exist, writing nothing", async () => {
    const prisma = getPrisma();
    const before = [await prisma.node.count(), await prisma.seedImport.count(), await prisma.auditEvent.count()];
    const attempt = importSeeds({ projectId: randomUUID(), actorId: admin.id, parsed: seedTasks() });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow("That project no longer exists.");
    expect([await prisma.node.count(), await prisma.seedImport.count(), await prisma.auditEvent.count()]).toEqual(
      before,
    );
  });
});

describe("text fidelity", () => {
  const texts = [
    'Translate "naïve café" → 日本語, please',
    "Line one\nline two, with a comma, and a\ttab",
    "Emoji 👩‍👩‍👧 and 🎉; curly “quotes” and 'single'",
    "Decomposed e\u0301 stays decomposed; RTL שלום; math ∑ ≠ ∞",
  ];
  const same = (a: string | null, b: string) =>
    expect(Buffer.from(a ?? "", "utf8").equals(Buffer.from(b, "utf8"))).toBe(true);

  it.each([
    [
      "jsonl",
      texts
        .map((t, i) => JSON.stringify({ instruction: t, input: `in ${i}: ${t}`, output: `out ${i}: ${t}` }))
        .join("\n"),
    ],
    [
      "csv",
      [
        "instruction,input,output",
        ...texts.map((t, i) =>
          [t, `in ${i}: ${t}`, `out ${i}: ${t}`].map((c) => `"${c.replaceAll('"', '""')}"`).join(","),
        ),
      ].join("\r\n"),
    ],
  ])("keeps unicode, quotes, commas, newlines and emoji byte for byte (%s)", async (format, body) => {
    const projectId = await newProject();
    const summary = await importSeeds({ projectId, actorId: admin.id, parsed: parseText(body, `unicode.${format}`) });
    expect(summary.imported).toBe(texts.length);
    const nodes = await nodesInFileOrder(projectId);
    nodes.forEach((node, i) => {
      same(node.instruction, texts[i]);
      same(node.input, `in ${i}: ${texts[i]}`);
      same(node.output, `out ${i}: ${texts[i]}`);
    });
  });
});
