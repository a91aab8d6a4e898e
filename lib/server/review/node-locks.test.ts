// Single decisions, bulk decisions, undo and a change of the status rule take
// the same locks (lib/server/review/lock-nodes.ts), on real Postgres: while one
// holds a node, the others wait, and each later one builds on the earlier.
import { beforeAll, describe, expect, it } from "vitest";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { bulkDecide, undoBulk } = await import("./bulk-decide");
const { decideNode } = await import("./decide-node");
const { lockNodes } = await import("./lock-nodes");
const { recomputeHumanStatus } = await import("./recompute-status");
const { setReviewSettings } = await import("./set-review-settings");

let admin: TestUser;
let ann: TestUser;
beforeAll(async () => {
  [admin, ann] = await Promise.all([createTestUser("admin"), createTestUser("annotator")]);
});

async function seedsOf(count: number) {
  const project = await createProjectWithSeeds({ count, actorId: admin.id });
  const nodes = await getPrisma().node.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
  return { projectId: project.id, ids: nodes.map((n) => n.id) };
}

const statusOf = async (id: string) => (await getPrisma().node.findUniqueOrThrow({ where: { id } })).humanStatus;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the promise settled within `ms` (it keeps running either way). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await pause(ms);
  return settled;
}

/**
 * Holds the writers' locks on `nodeIds` in a transaction of its own until the
 * returned `release` is called; `work` runs inside it first (a decision in flight).
 */
async function holdLocks(options: {
  projectId: string;
  nodeIds: string[];
  work?: (tx: Parameters<Parameters<ReturnType<typeof getPrisma>["$transaction"]>[0]>[0]) => Promise<void>;
}) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = getPrisma().$transaction(
    async (tx) => {
      await lockNodes({ tx, projectId: options.projectId, nodeIds: options.nodeIds });
      await options.work?.(tx);
      held();
      await gate;
    },
    { timeout: 30_000 },
  );
  await holding;
  return { release, done };
}

describe("node locks", () => {
  it("a bulk decision waits for a single decision in flight on one of its nodes, then builds on it", async () => {
    const { projectId, ids } = await seedsOf(3);
    const target = ids[1];
    const single = await holdLocks({
      projectId,
      nodeIds: [target],
      work: async (tx) => {
        await tx.review.create({ data: { nodeId: target, reviewerId: ann.id, decision: "reject" } });
        await recomputeHumanStatus({ tx, nodeIds: [target], rule: { kind: "majority", k: 1 } });
      },
    });
    const bulk = bulkDecide({
      projectId,
      actor: { id: admin.id, role: "admin" },
      decision: "accept",
      scope: { kind: "selection", nodeIds: ids },
      expectedCount: 3,
    });
    expect(await settlesWithin(bulk, 700)).toBe(false);
    single.release();
    await single.done;
    await expect(bulk).resolves.toMatchObject({ count: 3 });
    // The bulk action recomputed after the annotator's reject: both decisions count, the admin's word wins.
    const reviews = await getPrisma().review.findMany({ where: { nodeId: target }, orderBy: { createdAt: "asc" } });
    expect(reviews.map((r) => r.decision)).toEqual(["reject", "accept"]);
    expect(await statusOf(target)).toBe("accepted");
  });

  it("a single decision, an undo and a change of the status rule each wait for a bulk action's locks", async () => {
    const { projectId, ids } = await seedsOf(2);
    const { bulkActionId } = await bulkDecide({
      projectId,
      actor: { id: admin.id, role: "admin" },
      decision: "reject",
      scope: { kind: "selection", nodeIds: ids },
      expectedCount: 2,
    });
    const held = await holdLocks({ projectId, nodeIds: ids });
    const single = decideNode({
      projectId,
      nodeId: ids[0],
      reviewer: { id: ann.id, role: "annotator" },
      decision: "accept",
      reasonTags: [],
      note: "",
      seenReviewId: null,
    });
    const undo = undoBulk({ projectId, bulkActionId, actor: { id: admin.id, role: "admin" } });
    const settings = setReviewSettings({ projectId, statusRule: "majority", majorityK: 2, actorId: admin.id });
    expect(await settlesWithin(Promise.race([single, undo, settings]), 700)).toBe(false);
    held.release();
    await held.done;
    await Promise.all([single, undo, settings]);
    // Whatever order they ran in, each status is what the standing decisions give under the rule now set.
    const project = await getPrisma().project.findUniqueOrThrow({ where: { id: projectId } });
    expect(project.statusRule).toBe("majority");
    expect(await statusOf(ids[1])).toBe("unreviewed");
    expect(await statusOf(ids[0])).toBe("unreviewed"); // one annotator's accept is not a majority of 2
  });

  it("concurrent single and bulk decisions on the same nodes leave every status as its decisions say", async () => {
    const { projectId, ids } = await seedsOf(4);
    for (let round = 0; round < 6; round++) {
      const decision = round % 2 === 0 ? "accept" : "reject";
      await Promise.all([
        ...ids.map((nodeId, i) =>
          decideNode({
            projectId,
            nodeId,
            reviewer: { id: admin.id, role: "admin" },
            decision: i % 2 === 0 ? "reject" : "accept",
            reasonTags: [],
            note: "",
            seenReviewId: null,
          }),
        ),
        bulkDecide({
          projectId,
          actor: { id: admin.id, role: "admin" },
          decision,
          scope: { kind: "selection", nodeIds: ids },
          expectedCount: ids.length,
        }),
      ]);
      for (const nodeId of ids) {
        const latest = await getPrisma().review.findFirstOrThrow({
          where: { nodeId, revokedAt: null },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        });
        expect(await statusOf(nodeId)).toBe(latest.decision === "accept" ? "accepted" : "rejected");
      }
    }
  });
});
