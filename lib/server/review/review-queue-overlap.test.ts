// "Waiting for me" with an overlap share, on nodes whose ids are chosen so the
// overlap draw (the id's last 32 bits / 2^32) is known by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { reviewQueueFilterSchema } from "@/lib/validation/review";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { decideNode } = await import("./decide-node");
const { setReviewSettings } = await import("./set-review-settings");
const { firstReviewQueuePage, listReviewQueue } = await import("./list-review-queue");
const { queueNeighbours } = await import("./review-queue-neighbours");
const { countBulkScope } = await import("./bulk-decide");

let admin: TestUser;
let first: TestUser;
let second: TestUser;
let third: TestUser;
let projectId: string;
// Draws: a 0x10000000/2^32 = 0.0625, b 0xc0000000/2^32 = 0.75, c 0x20000000/2^32 = 0.125.
const ids = {
  a: "0190a1b2-c3d4-7e5f-8a6b-7c8d10000000",
  b: "0190a1b2-c3d4-7e5f-8a6b-7c8dc0000000",
  c: "0190a1b2-c3d4-7e5f-8a6b-7c8d20000000",
};
const mine = reviewQueueFilterSchema.parse({ mine: "1", sort: "oldest" });

async function waitingFor(user: TestUser) {
  const page = await firstReviewQueuePage({ projectId, filter: mine, viewer: user });
  expect(await page.total).toEqual({ count: page.items.length, capped: false });
  return page.items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0]);
}

const decide = (user: TestUser, nodeId: string) =>
  decideNode({
    projectId,
    nodeId,
    reviewer: { id: user.id, role: "annotator" },
    decision: "accept",
    reasonTags: [],
    note: "",
    seenReviewId: null,
  });

beforeAll(async () => {
  [admin, first, second, third] = await Promise.all([
    createTestUser("admin"),
    createTestUser("annotator"),
    createTestUser("annotator"),
    createTestUser("annotator"),
  ]);
  projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.id })).id;
  const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId } });
  for (const [name, id] of Object.entries(ids)) {
    await getPrisma().node.create({
      data: {
        id,
        projectId,
        rootId: seed.id,
        parentId: seed.id,
        round: 1,
        operation: "deepen",
        instruction: `node ${name}`,
        contentHash: id,
      },
    });
  }
  await setReviewSettings({ projectId, statusRule: "admin_word", majorityK: 2, overlapPercent: 25, actorId: admin.id });
  await decide(first, ids.a);
  await decide(first, ids.b);
});

describe("the review queue's 'waiting for me' with overlap", () => {
  it("stores the overlap as a share", async () => {
    expect((await getPrisma().project.findUniqueOrThrow({ where: { id: projectId } })).overlapShare).toBe(0.25);
  });

  it("leaves out what the reviewer decided, keeps what is unreviewed", async () => {
    // a and b are accepted by `first`; only c is left for them.
    expect(await waitingFor(first)).toEqual(["c"]);
  });

  it("sends nodes drawn below the share to a second annotator, and only those", async () => {
    // a (0.0625 < 0.25) waits for a second opinion; b (0.75) does not; c is unreviewed.
    expect(await waitingFor(second)).toEqual(["a", "c"]);
    // The node after the next (prefetched by the review page) is under the same filter: b is not waiting.
    expect(await queueNeighbours({ projectId, filter: mine, viewer: second, nodeId: ids.a })).toEqual({
      next: ids.c,
      afterNext: null,
      previous: null,
    });
    expect(await countBulkScope({ projectId, scope: { kind: "filter", filter: mine }, viewer: second })).toBe(2);
  });

  it("stops after two reviewers have decided", async () => {
    await decide(second, ids.a);
    expect(await waitingFor(third)).toEqual(["c"]);
    expect(await waitingFor(second)).toEqual(["c"]);
  });

  it("sends none at 0 % and every decided-once node at 100 %", async () => {
    await decide(first, ids.c);
    await setReviewSettings({
      projectId,
      statusRule: "admin_word",
      majorityK: 2,
      overlapPercent: 0,
      actorId: admin.id,
    });
    expect(await waitingFor(third)).toEqual([]);
    await setReviewSettings({
      projectId,
      statusRule: "admin_word",
      majorityK: 2,
      overlapPercent: 100,
      actorId: admin.id,
    });
    // a has two reviewers already; b and c have one each (in id order: c before b).
    expect(await waitingFor(third)).toEqual(["c", "b"]);
  });

  it("keeps the overlap when a caller changes only the rule", async () => {
    await setReviewSettings({ projectId, statusRule: "majority", majorityK: 2, actorId: admin.id });
    expect((await getPrisma().project.findUniqueOrThrow({ where: { id: projectId } })).overlapShare).toBe(1);
  });

  it("needs the viewer", async () => {
    await expect(listReviewQueue({ projectId, filter: mine })).rejects.toThrow(/needs the signed-in reviewer/);
  });
});
