// The queue's first page and its capped count agree under both plans (text
// search in one statement; other filters as page + count side by side).
import { beforeAll, describe, expect, it } from "vitest";
import { reviewQueueFilterSchema } from "@/lib/validation/review";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { uuid7 } = await import("@/lib/server/db/uuid7");
const { firstReviewQueuePage, listReviewQueue, QUEUE_COUNT_CAP, QUEUE_PAGE_SIZE } = await import("./list-review-queue");
const { queueNeighbours } = await import("./review-queue-neighbours");

let projectId: string;
const ids: string[] = [];

beforeAll(async () => {
  const admin = await createTestUser("admin");
  projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.id })).id;
  const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId } });
  // 1,005 children: every third mentions a glacier, every fifth is accepted.
  const data = Array.from({ length: QUEUE_COUNT_CAP + 5 }, (_, i) => {
    const id = uuid7();
    ids.push(id);
    return {
      id,
      projectId,
      rootId: seed.id,
      parentId: seed.id,
      round: 1,
      operation: "deepen" as const,
      contentHash: id,
      instruction: i % 3 === 0 ? `Describe glacier number ${i}.` : `Summarise report number ${i}.`,
      humanStatus: i % 5 === 0 ? ("accepted" as const) : ("unreviewed" as const),
    };
  });
  await getPrisma().node.createMany({ data });
});

const page = (filter: Record<string, string>) =>
  firstReviewQueuePage({ projectId, filter: reviewQueueFilterSchema.parse(filter) });

describe("the review queue's first page", () => {
  it("counts up to the cap and says so beyond it", async () => {
    const all = await page({});
    expect(all.total).toEqual({ count: QUEUE_COUNT_CAP, capped: true });
    expect(all.items).toHaveLength(QUEUE_PAGE_SIZE);
    // Newest first: the last node inserted leads.
    expect(all.items[0].id).toBe(ids[ids.length - 1]);
    expect(all.nextCursor).toBe(all.items[QUEUE_PAGE_SIZE - 1].id);
  });

  it("counts a filter's matches exactly below the cap", async () => {
    // i % 5 === 0 for i in 0..1004: 201 nodes.
    const accepted = await page({ status: "accepted", sort: "oldest" });
    expect(accepted.total).toEqual({ count: 201, capped: false });
    expect(accepted.items[0].id).toBe(ids[0]);
  });

  it("gives a text search the same page and count as the keyset list", async () => {
    // i % 3 === 0 for i in 0..1004: 335 glaciers.
    const glaciers = await page({ q: "GLACIER", sort: "oldest" });
    expect(glaciers.total).toEqual({ count: 335, capped: false });
    const listed = await listReviewQueue({
      projectId,
      filter: reviewQueueFilterSchema.parse({ q: "GLACIER", sort: "oldest" }),
    });
    expect(glaciers.items.map((n) => n.id)).toEqual(listed.items.map((n) => n.id));
    expect(glaciers.nextCursor).toBe(listed.nextCursor);
    expect(glaciers.items[1].id).toBe(ids[3]);
    // Both glacier and accepted: i % 15 === 0, 67 nodes.
    expect((await page({ q: "glacier", status: "accepted" })).total).toEqual({ count: 67, capped: false });
    expect((await page({ q: "no such words" })).total).toEqual({ count: 0, capped: false });
  });

  it("filters lineages by their seed's skill, kept on every node when it is inserted", async () => {
    const seedId = uuid7();
    const childId = uuid7();
    await getPrisma().node.create({
      data: {
        id: seedId,
        projectId,
        rootId: seedId,
        instruction: "Add two fractions.",
        contentHash: seedId,
        metadata: { skill: "Math" },
      },
    });
    await getPrisma().node.create({
      data: {
        id: childId,
        projectId,
        rootId: seedId,
        parentId: seedId,
        round: 1,
        operation: "deepen",
        instruction: "Add two fractions with unlike denominators.",
        contentHash: childId,
      },
    });
    expect((await getPrisma().node.findUniqueOrThrow({ where: { id: childId } })).rootSkill).toBe("Math");
    const math = await page({ skill: "Math" });
    expect(math.items.map((n) => n.id)).toEqual([childId]);
    expect(math.total).toEqual({ count: 1, capped: false });
    expect((await page({ skill: "Math", q: "unlike" })).items.map((n) => n.id)).toEqual([childId]);
  });

  it("pages a round's nodes in queue order both ways, whatever the other rounds' ids around them", async () => {
    const seed = await getPrisma().node.findFirstOrThrow({ where: { projectId, parentId: null } });
    // Rounds 2 and 3 interleaved in id order, as a continuous run makes them.
    const rows = Array.from({ length: 24 }, (_, i) => ({
      id: uuid7(),
      projectId,
      rootId: seed.id,
      parentId: seed.id,
      round: 2 + (i % 2),
      operation: "deepen" as const,
      instruction: `Plan trip number ${i}.`,
      contentHash: `trip-${i}`,
    }));
    await getPrisma().node.createMany({ data: rows });
    const roundTwo = rows.filter((r) => r.round === 2).map((r) => r.id);
    const filter = (f: Record<string, string | number>) => reviewQueueFilterSchema.parse(f);
    const oldest = await listReviewQueue({ projectId, filter: filter({ round: 2, sort: "oldest" }), limit: 5 });
    expect(oldest.items.map((n) => n.id)).toEqual(roundTwo.slice(0, 5));
    const rest = await listReviewQueue({
      projectId,
      filter: filter({ round: 2, sort: "oldest" }),
      after: oldest.nextCursor,
      limit: 50,
    });
    expect(rest.items.map((n) => n.id)).toEqual(roundTwo.slice(5));
    expect(rest.nextCursor).toBeNull();
    const newest = await page({ round: "2" });
    expect(newest.items.map((n) => n.id)).toEqual([...roundTwo].reverse());
    expect(newest.total).toEqual({ count: 12, capped: false });
    // The text search's plan keeps the same order.
    const searched = await page({ round: "2", q: "trip", sort: "oldest" });
    expect(searched.items.map((n) => n.id)).toEqual(roundTwo);
    // The review page's neighbours stay within the round.
    const around = await queueNeighbours({
      projectId,
      filter: filter({ round: 2, sort: "oldest" }),
      nodeId: roundTwo[4],
    });
    expect(around).toEqual({ previous: roundTwo[3], next: roundTwo[5], afterNext: roundTwo[6] });
  });
});
