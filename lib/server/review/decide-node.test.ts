import { beforeAll, describe, expect, it } from "vitest";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { decideNode } = await import("./decide-node");
const { editNode } = await import("./edit-node");
const { getNodeDetail } = await import("./get-node-detail");
const { getLineageTree } = await import("./get-lineage-tree");

let admin: TestUser;
let ann1: TestUser;
let ann2: TestUser;
let ann3: TestUser;

beforeAll(async () => {
  [admin, ann1, ann2, ann3] = await Promise.all([
    createTestUser("admin"),
    createTestUser("annotator"),
    createTestUser("annotator"),
    createTestUser("annotator"),
  ]);
});

async function freshNode(rule?: { statusRule: "admin_word" | "majority"; majorityK?: number }) {
  const project = await createProjectWithSeeds({ count: 1, actorId: admin.id });
  if (rule) await getPrisma().project.update({ where: { id: project.id }, data: rule });
  const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId: project.id } });
  return { projectId: project.id, nodeId: seed.id };
}

const as = (user: TestUser) => ({ id: user.id, role: user.role });
const decide = (
  target: { projectId: string; nodeId: string },
  user: TestUser,
  decision: "accept" | "reject",
  seenReviewId: string | null = null,
) =>
  decideNode({
    ...target,
    reviewer: as(user),
    decision,
    reasonTags: decision === "reject" ? ["too_easy"] : [],
    note: "",
    seenReviewId,
  });

describe("decideNode", () => {
  it("under admin's word: an annotator's decision stands until an admin speaks", async () => {
    const target = await freshNode();
    expect((await decide(target, ann1, "accept")).humanStatus).toBe("accepted");
    expect((await decide(target, admin, "reject")).humanStatus).toBe("rejected");
    expect((await decide(target, ann2, "accept")).humanStatus).toBe("rejected");
  });

  it("under majority of 3: unreviewed until 3 reviewers decided, then the majority", async () => {
    const target = await freshNode({ statusRule: "majority", majorityK: 3 });
    expect((await decide(target, ann1, "reject")).humanStatus).toBe("unreviewed");
    expect((await decide(target, ann2, "accept")).humanStatus).toBe("unreviewed");
    expect((await decide(target, ann3, "reject")).humanStatus).toBe("rejected");
    // A reviewer changing their mind: only their latest decision counts (2 accept vs 1 reject).
    expect((await decide(target, ann3, "accept")).humanStatus).toBe("accepted");
  });

  it("says when it saved, on the clock a node view's read is stamped with: a view read before is older", async () => {
    const target = await freshNode();
    const before = await getNodeDetail({ ...target, viewer: as(ann1) });
    const saved = await decide(target, ann1, "accept");
    const stored = await getPrisma().review.findUniqueOrThrow({ where: { id: saved.reviewId } });
    expect(saved.at).toEqual(stored.createdAt);
    // The review page shows a saved decision's status over a view read before it (NodeStatusBadge)...
    expect(saved.at.getTime()).toBeGreaterThan(before!.readAt.getTime());
    expect(before!.humanStatus).toBe("unreviewed");
    // ...and the view's own status once it was read after.
    const after = await getNodeDetail({ ...target, viewer: as(ann1) });
    expect(after!.readAt.getTime()).toBeGreaterThanOrEqual(saved.at.getTime());
    expect(after!.humanStatus).toBe("accepted");
  });

  it("tells the later of two concurrent reviewers, and keeps both decisions", async () => {
    const target = await freshNode();
    const first = await decide(target, ann1, "accept", null);
    expect(first.conflict).toBeNull();
    // ann2 opened the node before ann1 decided (saw no review), then rejects.
    const second = await decide(target, ann2, "reject", null);
    expect(second.conflict).toMatchObject({ reviewer: ann1.email, decision: "accept" });
    // ann1 decides again having seen ann2's decision: no conflict.
    const third = await decide(target, ann1, "accept", second.reviewId);
    expect(third.conflict).toBeNull();
    const detail = await getNodeDetail({ ...target, viewer: as(ann1) });
    expect(detail!.reviews.map((r) => [r.reviewer, r.decision])).toEqual([
      [ann1.email, "accept"],
      [ann2.email, "reject"],
      [ann1.email, "accept"],
    ]);
  });

  it("serialises simultaneous decisions on one node: exactly one of two is told about the other", async () => {
    const target = await freshNode();
    const [a, b] = await Promise.all([decide(target, ann1, "accept", null), decide(target, ann2, "reject", null)]);
    expect([a.conflict, b.conflict].filter(Boolean)).toHaveLength(1);
    expect(await getPrisma().review.count({ where: { nodeId: target.nodeId } })).toBe(2);
  });

  it("refuses a node of another project", async () => {
    const target = await freshNode();
    const other = await freshNode();
    await expect(decide({ projectId: other.projectId, nodeId: target.nodeId }, ann1, "accept")).rejects.toThrow(
      /no longer exists/,
    );
  });
});

describe("editNode and the node view", () => {
  it("keeps the original text and who changed it", async () => {
    const target = await freshNode();
    const before = (await getNodeDetail({ ...target, viewer: as(ann1) }))!.instruction;
    await editNode({ ...target, field: "instruction", text: "A clearer instruction.", editorId: ann1.id });
    const detail = (await getNodeDetail({ ...target, viewer: as(ann1) }))!;
    expect(detail.instruction).toBe("A clearer instruction.");
    expect(detail.edits).toEqual([
      expect.objectContaining({ field: "instruction", before, after: "A clearer instruction.", editor: ann1.email }),
    ]);
    expect(
      await editNode({ ...target, field: "instruction", text: "A clearer instruction.", editorId: ann1.id }),
    ).toEqual({ changed: false });
  });

  it("refuses text over SEED_MAX_FIELD_CHARS, as an import would, and keeps the node as it was", async () => {
    const target = await freshNode();
    const before = (await getNodeDetail({ ...target, viewer: as(ann1) }))!.output;
    const previous = process.env.SEED_MAX_FIELD_CHARS;
    process.env.SEED_MAX_FIELD_CHARS = "10";
    try {
      await expect(editNode({ ...target, field: "output", text: "x".repeat(11), editorId: ann1.id })).rejects.toThrow(
        "The output is 11 characters; the limit is 10 (SEED_MAX_FIELD_CHARS).",
      );
      expect(await editNode({ ...target, field: "output", text: "y".repeat(10), editorId: ann1.id })).toEqual({
        changed: true,
      });
    } finally {
      if (previous === undefined) delete process.env.SEED_MAX_FIELD_CHARS;
      else process.env.SEED_MAX_FIELD_CHARS = previous;
    }
    expect(before).not.toBe("y".repeat(10));
    expect((await getNodeDetail({ ...target, viewer: as(ann1) }))!.output).toBe("y".repeat(10));
  });

  it("returns a lineage tree with one row per node", async () => {
    const target = await freshNode();
    const tree = await getLineageTree({ projectId: target.projectId, rootId: target.nodeId });
    expect(tree).toEqual([expect.objectContaining({ id: target.nodeId, parentId: null, round: 0 })]);
    expect(await getNodeDetail({ projectId: target.projectId, nodeId: "not-a-uuid", viewer: as(admin) })).toBeNull();
    expect(await getLineageTree({ projectId: target.projectId, rootId: "not-a-uuid" })).toEqual([]);
    const { getRunProgress } = await import("@/lib/server/runs/get-run-progress");
    await expect(getRunProgress({ runId: "not-a-uuid", viewer: { role: "admin" } })).rejects.toThrow("Unknown run.");
  });
});
