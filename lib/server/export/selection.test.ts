// Selection presets and filters against a hand-built project
// (tests/fixtures/export-project.ts): every expected count below is worked
// out from the lineage drawing there, and the streaming reader returns
// exactly the nodes the count counts.
import { beforeAll, describe, expect, it } from "vitest";
import { createExportProject, type FixtureKey } from "@/tests/fixtures/export-project";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";
import { exportSelectionSchema, type ExportSelection } from "@/lib/validation/export";

await setupTestDatabase();
const { countExport } = await import("./count-export");
const { readExportRecords } = await import("./read-export-records");

let fixture: Awaited<ReturnType<typeof createExportProject>>;
let admin: TestUser;
let annotator: TestUser;
const keyOf = new Map<string, FixtureKey>();

beforeAll(async () => {
  admin = await createTestUser("admin");
  annotator = await createTestUser("annotator");
  fixture = await createExportProject({ admin, annotator });
  for (const [key, node] of Object.entries(fixture.nodes)) keyOf.set(node.id, key as FixtureKey);
});

const select = (s: Partial<ExportSelection>) => exportSelectionSchema.parse(s);

async function keys(selection: ExportSelection) {
  const out: FixtureKey[] = [];
  for await (const r of readExportRecords({ projectId: fixture.project.id, selection })) out.push(keyOf.get(r.id)!);
  return out.sort();
}

describe("export selection", () => {
  const cases: [string, Partial<ExportSelection>, FixtureKey[], number][] = [
    ["accepted only (the default)", {}, ["A", "F", "S1"], 0],
    [
      "accepted, or unreviewed and passed by the eliminator",
      { status: "accepted_or_passing_unreviewed" },
      ["A", "B", "D", "F", "S1", "S2", "S3"],
      1,
    ],
    ["everything", { status: "all" }, ["A", "B", "C", "D", "E", "F", "G", "S1", "S2", "S3"], 2],
    ["everything without seeds", { status: "all", includeSeeds: false }, ["A", "B", "C", "D", "E", "F", "G"], 1],
    ["round 2 only, no seeds", { status: "all", rounds: [2], includeSeeds: false }, ["B", "C", "E"], 0],
    ["round 2 evolved nodes plus the seeds", { status: "all", rounds: [2] }, ["B", "C", "E", "S1", "S2", "S3"], 1],
    ["one operation", { status: "all", operations: ["deepen"], includeSeeds: false }, ["A", "E", "G"], 1],
    ["two operations, accepted", { operations: ["deepen", "breadth"], includeSeeds: false }, ["A", "F"], 0],
    ["seed skill Math (the whole lineage)", { status: "all", skill: "Math" }, ["A", "B", "C", "S1"], 0],
    [
      "seed skill Writing, accepted or passing",
      { status: "accepted_or_passing_unreviewed", skill: "Writing" },
      ["D", "F", "S2"],
      0,
    ],
    ["an unknown skill", { status: "all", skill: "Cooking" }, [], 0],
    ["run 2 with the seeds it evolved", { status: "all" }, ["G", "S3"], 2],
  ];

  it.each(cases)("%s", async (_label, partial, expected, unanswered) => {
    const selection = select(_label.startsWith("run 2") ? { ...partial, runId: fixture.runs.run2 } : partial);
    const count = await countExport({ projectId: fixture.project.id, selection });
    expect(count.total).toBe(expected.length);
    expect(count.unanswered).toBe(unanswered);
    expect(count.seeds).toBe(expected.filter((k) => k.startsWith("S")).length);
    expect(await keys(selection)).toEqual([...expected].sort());
  });

  it("run 1 without seeds takes only that run's nodes", async () => {
    const selection = select({ status: "all", runId: fixture.runs.run1, includeSeeds: false });
    expect(await keys(selection)).toEqual(["A", "B", "C", "D", "E", "F"]);
    const withSeeds = select({ status: "all", runId: fixture.runs.run1 });
    expect(await keys(withSeeds)).toEqual(["A", "B", "C", "D", "E", "F", "S1", "S2"]);
  });

  it("reads records with their lineage, statuses and standing reviewers in decision order", async () => {
    const records = new Map<string, Awaited<ReturnType<typeof collect>>[number]>();
    async function collect() {
      const list = [];
      for await (const r of readExportRecords({ projectId: fixture.project.id, selection: select({ status: "all" }) }))
        list.push(r);
      return list;
    }
    const all = await collect();
    for (const r of all) records.set(keyOf.get(r.id)!, r);
    // id order: uuid7 ids are time-ordered, so parents precede children.
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort());
    const { nodes } = fixture;
    expect(records.get("A")).toEqual({
      id: nodes.A.id,
      rootId: nodes.S1.id,
      parentId: nodes.S1.id,
      round: 1,
      operation: "deepen",
      instruction: nodes.A.instruction,
      input: nodes.A.input,
      output: nodes.A.output,
      verdict: "passed",
      failedRules: [],
      humanStatus: "accepted",
      // By email (who they are), names beside: the two test accounts share the name pattern of any other test's.
      reviewers: [annotator.email],
      reviewerNames: ["Test annotator"],
      difficulty: null,
    });
    expect(records.get("F")).toMatchObject({
      verdict: "failed",
      failedRules: ["copied_prompt"],
      humanStatus: "accepted",
      reviewers: [annotator.email, admin.email],
      reviewerNames: ["Test annotator", "Test admin"],
    });
    expect(records.get("C")).toMatchObject({
      rootId: nodes.S1.id,
      parentId: nodes.A.id,
      round: 2,
      operation: "breadth",
      humanStatus: "rejected",
      reviewers: [admin.email],
      reviewerNames: ["Test admin"],
    });
    expect(records.get("S3")).toMatchObject({
      parentId: null,
      operation: null,
      output: null,
      humanStatus: "unreviewed",
      reviewers: [],
      reviewerNames: [],
    });
    expect(records.get("G")).toMatchObject({ verdict: "pending", output: null });
  });

  it("does not count a revoked decision's reviewer", async () => {
    const { getPrisma } = await import("@/lib/server/db/prisma");
    const prisma = getPrisma();
    const review = await prisma.review.findFirstOrThrow({
      where: { nodeId: fixture.nodes.F.id, reviewer: { role: "annotator" } },
    });
    await prisma.review.update({ where: { id: review.id }, data: { revokedAt: new Date() } });
    try {
      for await (const r of readExportRecords({ projectId: fixture.project.id, selection: select({}) })) {
        if (r.id === fixture.nodes.F.id) expect(r.reviewers).toEqual([admin.email]);
      }
    } finally {
      await prisma.review.update({ where: { id: review.id }, data: { revokedAt: null } });
    }
  });
});
