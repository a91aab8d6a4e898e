// The streaming reader walks the selection in keyset pages: every node once,
// in id order, never more than one page in hand — with a page size that
// splits the data unevenly, and with the real page size over 2,500 nodes.
import { beforeAll, describe, expect, it } from "vitest";
import { contentHashOf } from "@/lib/seeds/content-hash";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { exportSelectionSchema } from "@/lib/validation/export";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { readExportRecords, EXPORT_PAGE_SIZE } = await import("./read-export-records");

const TOTAL = 2_500;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  await createTestUser("admin");
  const prisma = getPrisma();
  projectId = (await prisma.project.create({ data: { name: "paging" } })).id;
  otherProjectId = (await prisma.project.create({ data: { name: "paging neighbour" } })).id;
  const rows = (pid: string, n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => {
      const id = uuid7();
      const instruction = `${prefix} instruction ${i}`;
      return {
        id,
        projectId: pid,
        rootId: id,
        instruction,
        output: `answer ${i}`,
        contentHash: contentHashOf(instruction, ""),
        humanStatus: "accepted" as const,
      };
    });
  // Interleave the two projects' ids so keyset pages must skip the neighbour's nodes.
  for (let i = 0; i < TOTAL; i += 500) {
    await prisma.node.createMany({ data: rows(projectId, 500, `p${i}`) });
    await prisma.node.createMany({ data: rows(otherProjectId, 100, `o${i}`) });
  }
});

describe("readExportRecords", () => {
  it("yields every selected node once, in id order, page by page", async () => {
    const pages: number[] = [];
    const ids: string[] = [];
    const selection = exportSelectionSchema.parse({});
    for await (const r of readExportRecords({
      projectId,
      selection,
      pageSize: 700,
      onPage: (read) => void pages.push(read),
    }))
      ids.push(r.id);
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(ids).toEqual([...ids].sort());
    // 2,500 = 3 full pages of 700 + 400: the short page ends the walk.
    expect(pages).toEqual([700, 1400, 2100, 2500]);
  });

  it("reads more than one default page and stops after the last", async () => {
    expect(EXPORT_PAGE_SIZE).toBe(2_000);
    const pages: number[] = [];
    let n = 0;
    for await (const r of readExportRecords({
      projectId,
      selection: exportSelectionSchema.parse({}),
      onPage: (read) => void pages.push(read),
    })) {
      expect(r.instruction).toMatch(/^p\d+ instruction \d+$/);
      n++;
    }
    expect(n).toBe(TOTAL);
    expect(pages).toEqual([2_000, 2_500]);
  });

  it("fetches the next page only when the consumer asks for it", async () => {
    const pages: number[] = [];
    const reader = readExportRecords({
      projectId,
      selection: exportSelectionSchema.parse({}),
      pageSize: 100,
      onPage: (read) => void pages.push(read),
    });
    for (let i = 0; i < 150; i++) await reader.next();
    // Record 150 is on page 2; page 1 is done, page 2 not yet reported, page 3 not read.
    expect(pages).toEqual([100]);
    await reader.return(undefined);
  });
});
