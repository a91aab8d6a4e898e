// Evaluation sets on a real database: the available counts and what a set
// drew agree with a recount made here from the nodes themselves; a training
// export leaves out exactly the nodes of hold-out sets (and counted them
// beforehand), and the set's own export holds exactly its nodes.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { bucketOf, NO_SKILL, type DifficultyBucket } from "@/lib/eval-sets/difficulty-buckets";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { withTemporaryDataDir } from "@/tests/fixtures/temporary-data-dir";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
await withTemporaryDataDir("eval-sets");
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { ConflictError, InvalidInputError } = await import("@/lib/server/errors");
const { decideNode } = await import("@/lib/server/review/decide-node");
const { buildEvalSet } = await import("@/lib/server/eval-sets/build-eval-set");
const { deleteEvalSet } = await import("@/lib/server/eval-sets/delete-eval-set");
const { countEvalSetCandidates } = await import("@/lib/server/eval-sets/eval-set-candidates");
const { listEvalSets } = await import("@/lib/server/eval-sets/list-eval-sets");
const { countExport } = await import("@/lib/server/export/count-export");
const { createExport } = await import("@/lib/server/export/create-export");
const { runExport } = await import("@/lib/server/export/run-export");
const { exportOptionsSchema, exportSelectionSchema } = await import("@/lib/validation/export");
const { buildEvalSetSchema } = await import("@/lib/validation/eval-sets");

let admin: TestUser;
let projectId: string;
/** Every evolved node made below, with what the recount needs. */
const made: { id: string; skill: string; difficulty: number | null; accepted: boolean; answered: boolean }[] = [];

/** A seed with `skill` (or none) and `count` evolved children, difficulty cycling 1–10, most accepted. */
async function lineage(skill: string | null, count: number, offset: number) {
  const prisma = getPrisma();
  const seedId = uuid7();
  await prisma.node.create({
    data: {
      id: seedId,
      projectId,
      rootId: seedId,
      instruction: `Seed ${skill ?? "none"} ${randomBytes(4).toString("hex")}`,
      output: "A seed answer.",
      metadata: skill ? { skill } : {},
      contentHash: seedId,
    },
  });
  await decideNode({
    projectId,
    nodeId: seedId,
    reviewer: { id: admin.id, role: "admin" },
    decision: "accept",
    reasonTags: [],
    note: "",
    seenReviewId: null,
  });
  for (let i = 0; i < count; i++) {
    const id = uuid7();
    const n = offset + i;
    // Every 7th has no score, every 11th a blank answer, every 5th is rejected: none of them can be drawn.
    const difficulty = n % 7 === 6 ? null : (n % 10) + 1;
    const answered = n % 11 !== 10;
    const accepted = n % 5 !== 4;
    await prisma.node.create({
      data: {
        id,
        projectId,
        rootId: seedId,
        parentId: seedId,
        round: 1,
        operation: "deepen",
        instruction: `Evolved ${n} ${randomBytes(4).toString("hex")}`,
        output: answered ? `Answer ${n}.` : "  ",
        difficulty,
        contentHash: id,
      },
    });
    await decideNode({
      projectId,
      nodeId: id,
      reviewer: { id: admin.id, role: "admin" },
      decision: accepted ? "accept" : "reject",
      reasonTags: accepted ? [] : ["too_easy"],
      note: "",
      seenReviewId: null,
    });
    made.push({ id, skill: skill ?? NO_SKILL, difficulty, accepted, answered });
  }
}

/** The candidates per bucket and skill, counted here from what was made. */
function recount(ids?: Set<string>) {
  const counts: Record<DifficultyBucket, Record<string, number>> = { easy: {}, medium: {}, hard: {} };
  for (const m of made) {
    if (!m.accepted || !m.answered || m.difficulty === null) continue;
    if (ids && !ids.has(m.id)) continue;
    const bucket = bucketOf(m.difficulty)!;
    counts[bucket][m.skill] = (counts[bucket][m.skill] ?? 0) + 1;
  }
  return counts;
}

async function exportedIds(selection: Record<string, unknown>) {
  const created = await createExport({
    projectId,
    options: exportOptionsSchema.parse({ ...selection, format: "alpaca", lineage: true }),
    actorId: admin.id,
    enqueue: false,
  });
  const outcome = await runExport({ exportId: created.exportId });
  expect(outcome.status, outcome.error ?? "").toBe("done");
  const lines = (await readFile(outcome.file!, "utf8")).trimEnd().split("\n").filter(Boolean);
  const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
  // What the count said beforehand is what was read: written, or skipped for a blank answer.
  const row = await getPrisma().export.findUniqueOrThrow({ where: { id: created.exportId } });
  expect(ids.length + row.skipped).toBe(created.expectedCount);
  return new Set(ids);
}

const setNodes = async (evalSetId: string) =>
  new Set(
    (await getPrisma().evalSetNode.findMany({ where: { evalSetId }, select: { nodeId: true } })).map((r) => r.nodeId),
  );

beforeAll(async () => {
  admin = await createTestUser("admin");
  projectId = (await getPrisma().project.create({ data: { name: `eval ${randomBytes(4).toString("hex")}` } })).id;
  await lineage("math", 40, 0);
  await lineage("writing", 12, 40);
  await lineage(null, 25, 52);
});

describe("evaluation sets", () => {
  it("count the accepted, answered, scored evolved nodes per bucket and skill", async () => {
    const available = await countEvalSetCandidates({ projectId });
    expect(available.counts).toEqual(recount());
    expect(available.skills).toEqual([NO_SKILL, "math", "writing"].sort());
  });

  let holdOutId: string;
  it("build a set whose drawn counts match a recount of its nodes, with the shortfall reported", async () => {
    const sizes = { easy: 9, medium: 6, hard: 100 };
    const built = await buildEvalSet({
      ...buildEvalSetSchema.parse({ projectId, name: "held out", sizes, seed: "fixed" }),
      actorId: admin.id,
    });
    holdOutId = built.evalSetId;
    const ids = await setNodes(holdOutId);
    expect(ids.size).toBe(built.nodeCount);
    const drawn = recount(ids);
    const available = recount();
    for (const bucket of built.report.buckets) {
      expect(Object.fromEntries(bucket.skills.filter((s) => s.drawn).map((s) => [s.skill, s.drawn]))).toEqual(
        drawn[bucket.bucket],
      );
      const total = Object.values(available[bucket.bucket]).reduce((a, b) => a + b, 0);
      expect(bucket.drawn).toBe(Math.min(sizes[bucket.bucket], total));
      expect(bucket.shortfall).toBe(sizes[bucket.bucket] - bucket.drawn);
    }
    // 9 easy over three skills that each have at least 3: three each.
    expect(drawn.easy).toEqual({ math: 3, writing: 3, [NO_SKILL]: 3 });
    expect(built.report.buckets.find((b) => b.bucket === "hard")!.shortfall).toBeGreaterThan(0);
    const [listed] = await listEvalSets({ projectId });
    expect(listed).toMatchObject({
      id: holdOutId,
      name: "held out",
      holdOut: true,
      nodeCount: ids.size,
      seed: "fixed",
    });
  });

  it("refuse a second set of the same name, recording nothing", async () => {
    const before = await getPrisma().evalSet.count({ where: { projectId } });
    await expect(
      buildEvalSet({
        ...buildEvalSetSchema.parse({ projectId, name: "held out", sizes: { easy: 1, medium: 0, hard: 0 } }),
        actorId: admin.id,
      }),
    ).rejects.toThrow(ConflictError);
    expect(await getPrisma().evalSet.count({ where: { projectId } })).toBe(before);
  });

  it("a training export leaves out exactly the held-out nodes, as counted beforehand", async () => {
    const held = await setNodes(holdOutId);
    const selection = { status: "accepted", includeSeeds: false };
    const count = await countExport({ projectId, selection: exportSelectionSchema.parse(selection) });
    const everything = await exportedIds({ ...selection, excludeHeldOut: false });
    const training = await exportedIds(selection);
    expect(count.heldOut).toBe(held.size);
    expect(count.total - count.unanswered).toBe(training.size);
    expect([...everything].filter((id) => !training.has(id)).sort()).toEqual([...held].sort());
    expect([...training].some((id) => held.has(id))).toBe(false);
  });

  it("the set's own export holds exactly its nodes, whatever the other filters say", async () => {
    const held = await setNodes(holdOutId);
    const exported = await exportedIds({ evalSetId: holdOutId, status: "all", rounds: [7] });
    expect([...exported].sort()).toEqual([...held].sort());
  });

  it("a set that is not held out stays in training exports; a deleted hold-out set stops leaving nodes out", async () => {
    const kept = await buildEvalSet({
      ...buildEvalSetSchema.parse({
        projectId,
        name: "kept in",
        holdOut: false,
        sizes: { easy: 2, medium: 2, hard: 2 },
      }),
      actorId: admin.id,
    });
    const selection = exportSelectionSchema.parse({ includeSeeds: false });
    const heldBefore = (await countExport({ projectId, selection })).heldOut;
    expect(heldBefore).toBe((await setNodes(holdOutId)).size);
    await deleteEvalSet({ projectId, evalSetId: holdOutId, actorId: admin.id });
    expect((await countExport({ projectId, selection })).heldOut).toBe(0);
    const training = await exportedIds({ includeSeeds: false });
    for (const id of await setNodes(kept.evalSetId)) expect(training.has(id)).toBe(true);
    const audit = await getPrisma().auditEvent.findMany({
      where: { targetId: projectId, action: { startsWith: "eval_set." } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["eval_set.build", "eval_set.build", "eval_set.delete"]);
  });

  it("an export of another project's set is refused", async () => {
    const other = await getPrisma().project.create({ data: { name: `other ${randomBytes(4).toString("hex")}` } });
    const [set] = await listEvalSets({ projectId });
    await expect(
      createExport({
        projectId: other.id,
        options: exportOptionsSchema.parse({ evalSetId: set.id }),
        actorId: admin.id,
        enqueue: false,
      }),
    ).rejects.toThrow(InvalidInputError);
  });
});
