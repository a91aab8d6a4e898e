import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSeedFile } from "@/lib/seeds/parse-seed-file";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { importSeeds } = await import("./import-seeds");
const { listSeeds, SEED_PAGE_SIZE } = await import("./list-seeds");

type Row = { instruction: string; input?: string };

// First import: 8 seeds; second import: 5 seeds. Newest import first, then file order.
const FIRST: Row[] = [
  { instruction: "Peel a BANANA quickly" },
  { instruction: "Summarise the text", input: "A long story about a banana boat" },
  { instruction: "Count the apples" },
  { instruction: "Name three rivers" },
  { instruction: "Write a limerick", input: "Subject: Bananarama" },
  { instruction: "Explain 100% juice labels" },
  { instruction: "Describe snake_case naming" },
  { instruction: "Fix the path C:\\temp\\x" },
];
const SECOND: Row[] = [
  { instruction: "Sort these numbers", input: "3, 1, 2" },
  { instruction: "banana bread recipe" },
  { instruction: "Translate to French" },
  { instruction: "List prime numbers" },
  { instruction: "Define entropy" },
];
const NEWEST_FIRST = [...SECOND, ...FIRST].map((r) => r.instruction);

let projectId: string;
let otherProjectId: string;

async function importRows(project: string, rows: Row[]) {
  const text = rows.map((r) => JSON.stringify({ instruction: r.instruction, input: r.input ?? "" })).join("\n");
  const parsed = parseSeedFile(new TextEncoder().encode(text), { fileName: "rows.jsonl" });
  return importSeeds({ projectId: project, actorId: admin.id, parsed });
}

let admin: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  admin = await createTestUser("admin");
  const prisma = getPrisma();
  projectId = (await prisma.project.create({ data: { name: `list ${randomUUID()}` } })).id;
  otherProjectId = (await prisma.project.create({ data: { name: `other ${randomUUID()}` } })).id;
  await importRows(projectId, FIRST);
  // Ensure the second import's transaction starts at a later timestamp.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await importRows(projectId, SECOND);
  await importRows(otherProjectId, [{ instruction: "Other project's banana" }, { instruction: "Count the apples" }]);

  // An evolved node under the first seed; it mentions banana but is no seed.
  const root = await prisma.node.findFirstOrThrow({ where: { projectId, instruction: FIRST[0].instruction } });
  await prisma.node.create({
    data: {
      projectId,
      rootId: root.id,
      parentId: root.id,
      round: 1,
      instruction: "Peel a banana with one hand",
      contentHash: `evolved-${randomUUID()}`,
    },
  });
});

describe("listSeeds", () => {
  it("returns all of the project's seeds on one default-sized page", async () => {
    const result = await listSeeds({ projectId });
    expect(result).toMatchObject({ total: 13, page: 1, pageCount: 1, pageSize: SEED_PAGE_SIZE, query: "" });
    expect(result.items.map((s) => s.instruction)).toEqual(NEWEST_FIRST);
  });

  it("pages in a stable order: newest import first, then file order", async () => {
    const pages = [];
    for (const page of [1, 2, 3]) {
      const result = await listSeeds({ projectId, page, pageSize: 5 });
      expect(result).toMatchObject({ total: 13, page, pageCount: 3, pageSize: 5 });
      pages.push(result.items.map((s) => s.instruction));
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 3]);
    expect(pages.flat()).toEqual(NEWEST_FIRST);
    // Asking again gives the same page.
    expect((await listSeeds({ projectId, page: 2, pageSize: 5 })).items.map((s) => s.instruction)).toEqual(pages[1]);
  });

  it("clamps a page past the end to the last page and a page below 1 to the first", async () => {
    const past = await listSeeds({ projectId, page: 99, pageSize: 5 });
    expect(past.page).toBe(3);
    expect(past.items.map((s) => s.instruction)).toEqual(NEWEST_FIRST.slice(10));
    for (const page of [0, -4]) {
      const before = await listSeeds({ projectId, page, pageSize: 5 });
      expect(before.page).toBe(1);
      expect(before.items.map((s) => s.instruction)).toEqual(NEWEST_FIRST.slice(0, 5));
    }
  });

  it("returns the seed's fields and metadata", async () => {
    const { items } = await listSeeds({ projectId, pageSize: 1 });
    expect(items[0]).toMatchObject({
      instruction: SECOND[0].instruction,
      input: SECOND[0].input,
      output: null,
      metadata: {},
    });
    expect(items[0].createdAt).toBeInstanceOf(Date);
  });

  it("searches instruction and input case-insensitively, excluding evolved nodes and other projects", async () => {
    const result = await listSeeds({ projectId, query: "  bAnAnA " });
    const expected = NEWEST_FIRST.filter((instruction) => {
      const row = [...FIRST, ...SECOND].find((r) => r.instruction === instruction)!;
      return `${row.instruction}\n${row.input ?? ""}`.toLowerCase().includes("banana");
    });
    expect(expected).toHaveLength(4);
    expect(result).toMatchObject({ total: expected.length, page: 1, pageCount: 1, query: "bAnAnA" });
    expect(result.items.map((s) => s.instruction)).toEqual(expected);
  });

  it("pages search results on their own total", async () => {
    const result = await listSeeds({ projectId, query: "banana", pageSize: 3, page: 2 });
    expect(result).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(result.items).toHaveLength(1);
  });

  it("treats %, _ and \\ in the query as plain characters", async () => {
    const hits = async (query: string) => (await listSeeds({ projectId, query })).items.map((s) => s.instruction);
    expect(await hits("%")).toEqual(["Explain 100% juice labels"]);
    expect(await hits("_")).toEqual(["Describe snake_case naming"]);
    expect(await hits("e_c")).toEqual(["Describe snake_case naming"]);
    expect(await hits("\\")).toEqual([FIRST[7].instruction]);
    expect(await hits("\\%")).toEqual([]);
    expect(await hits("a%e")).toEqual([]);
  });

  it("reports an empty first page when nothing matches", async () => {
    const result = await listSeeds({ projectId, query: "zebra", page: 4 });
    expect(result).toMatchObject({ total: 0, page: 1, pageCount: 1, items: [] });
  });

  it("lists only the asked project's seeds", async () => {
    const other = await listSeeds({ projectId: otherProjectId });
    expect(other.total).toBe(2);
    expect(other.items.map((s) => s.instruction).sort()).toEqual(["Count the apples", "Other project's banana"]);
    expect((await listSeeds({ projectId: randomUUID() })).total).toBe(0);
  });
});
