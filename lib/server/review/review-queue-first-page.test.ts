// The queue's first page (read in queue order) and its capped count (read
// beside it, any order; the review page streams it in after the list) against
// a scan of the nodes the test made, with and without text search.
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
/** The 1,005 children in insertion (= id) order, as the scan reads them. */
const children: { id: string; instruction: string; humanStatus: string }[] = [];

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
  children.push(...data);
  await getPrisma().node.createMany({ data });
});

const page = (filter: Record<string, string>) =>
  firstReviewQueuePage({ projectId, filter: reviewQueueFilterSchema.parse(filter) });

/** The children a scan finds, in queue order: newest first unless `oldest`. */
function scan(match: (node: (typeof children)[number]) => boolean, sort: "newest" | "oldest" = "newest") {
  const found = children.filter(match).map((node) => node.id);
  return sort === "oldest" ? found : found.reverse();
}

/** The first page is the scan's first 100 in order, and the count the scan's length (up to the cap). */
async function expectFirstPage(filter: Record<string, string>, expected: string[]) {
  const first = await page(filter);
  const label = JSON.stringify(filter);
  expect(
    first.items.map((n) => n.id),
    label,
  ).toEqual(expected.slice(0, QUEUE_PAGE_SIZE));
  expect(first.nextCursor, label).toBe(expected.length > QUEUE_PAGE_SIZE ? expected[QUEUE_PAGE_SIZE - 1] : null);
  expect(await first.total, label).toEqual(
    expected.length > QUEUE_COUNT_CAP
      ? { count: QUEUE_COUNT_CAP, capped: true }
      : { count: expected.length, capped: false },
  );
}

const glacier = (node: { instruction: string }) => node.instruction.toLowerCase().includes("glacier");
const accepted = (node: { humanStatus: string }) => node.humanStatus === "accepted";

describe("the review queue's first page", () => {
  it("counts up to the cap and says so beyond it", async () => {
    const all = scan(() => true);
    expect(all.length).toBeGreaterThan(QUEUE_COUNT_CAP);
    await expectFirstPage({}, all);
    // Newest first: the last node inserted leads.
    expect(all[0]).toBe(ids[ids.length - 1]);
  });

  it("counts a filter's matches exactly below the cap", async () => {
    // i % 5 === 0 for i in 0..1004: 201 nodes.
    const expected = scan(accepted, "oldest");
    expect(expected).toHaveLength(201);
    await expectFirstPage({ status: "accepted", sort: "oldest" }, expected);
    await expectFirstPage({ status: "accepted" }, scan(accepted));
  });

  it("reads a text search's page and count as the scan finds them, in either order", async () => {
    // i % 3 === 0 for i in 0..1004: 335 glaciers, whatever the case of the search.
    const glaciers = scan(glacier, "oldest");
    expect(glaciers).toHaveLength(335);
    expect(glaciers[1]).toBe(ids[3]);
    await expectFirstPage({ q: "GLACIER", sort: "oldest" }, glaciers);
    await expectFirstPage({ q: "glacier" }, scan(glacier));
    // The page matches the keyset list's, and the list goes on from its cursor.
    const listed = await listReviewQueue({
      projectId,
      filter: reviewQueueFilterSchema.parse({ q: "GLACIER", sort: "oldest" }),
      after: glaciers[QUEUE_PAGE_SIZE - 1],
    });
    expect(listed.items.map((n) => n.id)).toEqual(glaciers.slice(QUEUE_PAGE_SIZE, 2 * QUEUE_PAGE_SIZE));
    // Both glacier and accepted: i % 15 === 0, 67 nodes. A search matching nothing: an empty page, 0.
    const both = scan((node) => glacier(node) && accepted(node));
    expect(both).toHaveLength(67);
    await expectFirstPage({ q: "glacier", status: "accepted" }, both);
    await expectFirstPage({ q: "no such words" }, []);
    // Past the cap with a search: every child says "report" or "glacier" ("r" is in both).
    await expectFirstPage(
      { q: "r" },
      scan(() => true),
    );
  });

  it("leaves no unhandled rejection when the page fails before its count", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      // The list and the count both refuse an annotator's "decided by" someone else.
      const viewer = { id: "annotator-x", role: "annotator" as const };
      const filter = reviewQueueFilterSchema.parse({ reviewer: "someone-else" });
      await expect(firstReviewQueuePage({ projectId, filter, viewer })).rejects.toThrow(/your own decisions/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
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
    expect(await math.total).toEqual({ count: 1, capped: false });
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
    expect(await newest.total).toEqual({ count: 12, capped: false });
    // With a text search too.
    const searched = await page({ round: "2", q: "trip", sort: "oldest" });
    expect(searched.items.map((n) => n.id)).toEqual(roundTwo);
    expect(await searched.total).toEqual({ count: 12, capped: false });
    // The review page's neighbours stay within the round.
    const around = await queueNeighbours({
      projectId,
      filter: filter({ round: 2, sort: "oldest" }),
      nodeId: roundTwo[4],
    });
    expect(around).toEqual({ previous: roundTwo[3], next: roundTwo[5], afterNext: roundTwo[6] });
  });
});
