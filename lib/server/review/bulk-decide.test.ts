import { beforeAll, describe, expect, it } from "vitest";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { bulkDecide, countBulkScope, undoBulk } = await import("./bulk-decide");
const { decideNode } = await import("./decide-node");
const { reviewQueueFilterSchema } = await import("@/lib/validation/review");

let admin: TestUser;
let ann: TestUser;

beforeAll(async () => {
  [admin, ann] = await Promise.all([createTestUser("admin"), createTestUser("annotator")]);
});

/** seed → a → (a1, a2), seed → b: evolved nodes inserted directly. */
async function smallForest() {
  const project = await createProjectWithSeeds({ count: 1, actorId: admin.id });
  const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId: project.id } });
  const make = async (parentId: string, round: number, verdict: "passed" | "failed") => {
    const id = uuid7();
    await getPrisma().node.create({
      data: {
        id,
        projectId: project.id,
        rootId: seed.id,
        parentId,
        round,
        instruction: `node ${id}`,
        contentHash: id,
        verdict,
        failedRules: verdict === "failed" ? ["refusal"] : [],
      },
    });
    return id;
  };
  const a = await make(seed.id, 1, "passed");
  const a1 = await make(a, 2, "failed");
  const a2 = await make(a, 2, "passed");
  const b = await make(seed.id, 1, "passed");
  return { projectId: project.id, seed: seed.id, a, a1, a2, b };
}

const statusOf = async (id: string) => (await getPrisma().node.findUniqueOrThrow({ where: { id } })).humanStatus;

describe("bulk decisions", () => {
  it("rejects a whole subtree, and undo restores every node's earlier status", async () => {
    const f = await smallForest();
    await decideNode({
      projectId: f.projectId,
      nodeId: f.a2,
      reviewer: { id: ann.id, role: "annotator" },
      decision: "accept",
      reasonTags: [],
      note: "",
      seenReviewId: null,
    });
    const scope = { kind: "subtree" as const, nodeId: f.a };
    expect(await countBulkScope({ projectId: f.projectId, scope })).toBe(3);
    const { bulkActionId, count } = await bulkDecide({
      projectId: f.projectId,
      actor: { id: admin.id, role: "admin" },
      decision: "reject",
      scope,
      expectedCount: 3,
    });
    expect(count).toBe(3);
    expect([await statusOf(f.a), await statusOf(f.a1), await statusOf(f.a2), await statusOf(f.b)]).toEqual([
      "rejected",
      "rejected",
      "rejected",
      "unreviewed",
    ]);

    await undoBulk({ projectId: f.projectId, bulkActionId, actor: { id: admin.id, role: "admin" } });
    expect([await statusOf(f.a), await statusOf(f.a1), await statusOf(f.a2)]).toEqual([
      "unreviewed",
      "unreviewed",
      "accepted",
    ]);
    // Undone decisions stay in the history, marked revoked.
    expect(await getPrisma().review.count({ where: { bulkActionId, revokedAt: { not: null } } })).toBe(3);
    await expect(
      undoBulk({ projectId: f.projectId, bulkActionId, actor: { id: admin.id, role: "admin" } }),
    ).rejects.toThrow(/already undone/);
  });

  it("acts on everything matching a filter, and refuses when the count changed since confirmation", async () => {
    const f = await smallForest();
    const filter = reviewQueueFilterSchema.parse({ verdict: "failed" });
    const scope = { kind: "filter" as const, filter };
    expect(await countBulkScope({ projectId: f.projectId, scope })).toBe(1);
    await expect(
      bulkDecide({
        projectId: f.projectId,
        actor: { id: ann.id, role: "annotator" },
        decision: "reject",
        scope,
        expectedCount: 2,
      }),
    ).rejects.toThrow(/now holds 1 nodes, not the 2/);
    expect(await statusOf(f.a1)).toBe("unreviewed");
    await bulkDecide({
      projectId: f.projectId,
      actor: { id: ann.id, role: "annotator" },
      decision: "reject",
      scope,
      expectedCount: 1,
    });
    expect(await statusOf(f.a1)).toBe("rejected");
  });

  it("only touches nodes of its own project, and only its author or an admin may undo", async () => {
    const f = await smallForest();
    const other = await smallForest();
    const scope = { kind: "selection" as const, nodeIds: [f.a, other.b] };
    expect(await countBulkScope({ projectId: f.projectId, scope })).toBe(1);
    const { bulkActionId } = await bulkDecide({
      projectId: f.projectId,
      actor: { id: admin.id, role: "admin" },
      decision: "accept",
      scope,
      expectedCount: 1,
    });
    expect(await statusOf(other.b)).toBe("unreviewed");
    await expect(
      undoBulk({ projectId: f.projectId, bulkActionId, actor: { id: ann.id, role: "annotator" } }),
    ).rejects.toThrow(/author or an admin/);
  });
});

describe("queue filters from a form", () => {
  it("treats empty fields as no filter", () => {
    const filter = reviewQueueFilterSchema.parse({ status: "any", round: "", rule: "", q: "", disagreement: "1" });
    expect(filter).toEqual({ status: "any", verdict: "any", disagreement: "1", sort: "newest" });
    expect(reviewQueueFilterSchema.parse({ round: "0" }).round).toBe(0);
  });
});
