// The queue's filters against a full scan: on nodes in every state the review
// rules can leave them in (each verdict and human status, decided by the
// viewer or not, revoked, decided by someone else, drawn for overlap or not),
// every combination of status, verdict, disagreement, "waiting for me",
// "decided by" and text search gives, for admins and annotators (blind), the
// nodes a scan of all of them finds by the filters' meaning — including the
// combinations the queue answers empty without reading (matches nothing).
import { beforeAll, describe, expect, it } from "vitest";
import { reviewQueueFilterSchema, type ReviewQueueFilter } from "@/lib/validation/review";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser, type TestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { Prisma } = await import("@/lib/generated/prisma/client");
const { firstReviewQueuePage, listReviewQueue, QUEUE_PAGE_SIZE } = await import("./list-review-queue");
const { reviewQueueWhere } = await import("./review-queue-where");
const { queueFilterMatchesNothing } = await import("./review-queue-matches-nothing");

const STATUSES = ["unreviewed", "accepted", "rejected", "disputed"] as const;
const VERDICTS = ["passed", "failed"] as const;
type Status = (typeof STATUSES)[number];
type Verdict = (typeof VERDICTS)[number];
/** A reviewer's part in a node: no decision, a standing one, or one taken back (an undone bulk action). */
type Part = "none" | "standing" | "revoked";

interface FixtureNode {
  id: string;
  verdict: Verdict;
  status: Status;
  parts: Record<string, Part>;
  overlap: boolean;
  /** Its instruction mentions tides (the text search) or orbits. */
  tides: boolean;
}

let admin: TestUser;
let annotator: TestUser;
let newcomer: TestUser;
let projectId: string;
let seedId: string;
const nodes: FixtureNode[] = [];
const OVERLAP_SHARE = 0.5;

beforeAll(async () => {
  [admin, annotator, newcomer] = await Promise.all([
    createTestUser("admin"),
    createTestUser("annotator"),
    createTestUser("annotator"),
  ]);
  projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.id })).id;
  await getPrisma().project.update({ where: { id: projectId }, data: { overlapShare: OVERLAP_SHARE } });
  seedId = (await getPrisma().node.findFirstOrThrow({ where: { projectId } })).id;
  // Statuses are set directly: each state is one either rule (admin_word, majority of k) can reach — a status
  // decided by others only, "unreviewed" with a standing decision (majority before k), "disputed" — and the
  // queue's SQL reads the stored status and reviews, whatever rule made them.
  let n = 0;
  for (const verdict of VERDICTS)
    for (const status of STATUSES)
      for (const mine of ["none", "standing", "revoked"] as const)
        for (const admins of ["none", "standing"] as const)
          for (const overlap of [true, false])
            for (const tides of [true, false]) {
              // Ids in insertion order; the last 32 bits are the overlap draw: 0.0625 (drawn) or 0.75 (not).
              const id = `0190a1b2-c3d4-7e5f-8a6b-${(n++).toString(16).padStart(4, "0")}${overlap ? "10000000" : "c0000000"}`;
              nodes.push({ id, verdict, status, overlap, tides, parts: { [annotator.id]: mine, [admin.id]: admins } });
            }
  await getPrisma().node.createMany({
    data: nodes.map((node, i) => ({
      id: node.id,
      projectId,
      rootId: seedId,
      parentId: seedId,
      round: 1,
      operation: "deepen" as const,
      instruction: `Node ${i} about ${node.tides ? "tides" : "orbits"}.`,
      contentHash: node.id,
      verdict: node.verdict,
      failedRules: node.verdict === "failed" ? ["length"] : [],
      humanStatus: node.status,
    })),
  });
  await getPrisma().review.createMany({
    data: nodes.flatMap((node) =>
      Object.entries(node.parts)
        .filter(([, part]) => part !== "none")
        .map(([reviewerId, part]) => ({
          nodeId: node.id,
          reviewerId,
          decision: "accept" as const,
          revokedAt: part === "revoked" ? new Date() : null,
        })),
    ),
  });
});

/** The filters' meaning, on one node: statuses as the viewer sees them (blind: "unreviewed" until they decided). */
function matches(node: FixtureNode, filter: ReviewQueueFilter, viewer: TestUser): boolean {
  const decidedBy = (userId: string) => node.parts[userId] === "standing";
  const seen = viewer.role === "admin" || decidedBy(viewer.id) ? node.status : "unreviewed";
  const standing = Object.values(node.parts).filter((p) => p === "standing").length;
  if (filter.status !== "any" && seen !== filter.status) return false;
  if (filter.verdict !== "any" && node.verdict !== filter.verdict) return false;
  const disagrees =
    (node.verdict === "passed" && seen === "rejected") || (node.verdict === "failed" && seen === "accepted");
  if (filter.disagreement && !disagrees) return false;
  if (filter.reviewer && !decidedBy(filter.reviewer)) return false;
  const waiting = !decidedBy(viewer.id) && (node.status === "unreviewed" || (node.overlap && standing < 2));
  if (filter.mine && !waiting) return false;
  return !filter.q || node.tides;
}

function* combinations(viewer: TestUser) {
  const reviewers = viewer.role === "admin" ? [undefined, admin.id, annotator.id] : [undefined, viewer.id];
  for (const status of ["any", ...STATUSES])
    for (const verdict of ["any", ...VERDICTS])
      for (const disagreement of [undefined, "1"])
        for (const mine of [undefined, "1"])
          for (const reviewer of reviewers)
            for (const q of [undefined, "tides"])
              yield reviewQueueFilterSchema.parse({ status, verdict, disagreement, mine, reviewer, q, sort: "oldest" });
}

async function compareWithScan(viewer: TestUser) {
  let nothing = 0;
  const emptyAndNotDeclared: string[] = [];
  for (const filter of combinations(viewer)) {
    const expected = nodes.filter((node) => matches(node, filter, viewer)).map((node) => node.id);
    const queueViewer = { id: viewer.id, role: viewer.role };
    const listed = await listReviewQueue({ projectId, filter, viewer: queueViewer, limit: 500 });
    const first = await firstReviewQueuePage({ projectId, filter, viewer: queueViewer });
    const label = JSON.stringify(filter);
    expect(
      listed.items.map((item) => item.id),
      label,
    ).toEqual(expected);
    // The review page's first page and the count streamed after it, for searches too.
    expect(
      first.items.map((item) => item.id),
      label,
    ).toEqual(expected.slice(0, QUEUE_PAGE_SIZE));
    expect(await first.total, label).toEqual({ count: expected.length, capped: false });
    const declared = queueFilterMatchesNothing(filter, { id: viewer.id, blind: viewer.role !== "admin" });
    if (declared) nothing++;
    else if (expected.length === 0) emptyAndNotDeclared.push(label);
  }
  return { nothing, emptyAndNotDeclared };
}

describe("the review queue's filters against a full scan", () => {
  it("give an annotator exactly the nodes the scan finds, statuses as they see them", async () => {
    const { nothing, emptyAndNotDeclared } = await compareWithScan(annotator);
    // The annotator's contradictions: "unreviewed"/"disputed" with disagreement, "waiting for me" with disagreement,
    // a status they cannot see yet or their own decisions. The fixture holds a node for every other combination.
    expect(nothing).toBeGreaterThan(0);
    expect(emptyAndNotDeclared).toEqual([]);
  });

  it("give an admin exactly the nodes the scan finds", async () => {
    const { nothing, emptyAndNotDeclared } = await compareWithScan(admin);
    expect(nothing).toBeGreaterThan(0);
    expect(emptyAndNotDeclared).toEqual([]);
  });

  it("give an annotator who decided nothing every node as unreviewed", async () => {
    // No contradiction check here: their "accepted" is empty because of the data, not of the filters.
    await compareWithScan(newcomer);
  });

  it("answer a contradictory filter without reading any node", async () => {
    const filter = reviewQueueFilterSchema.parse({ status: "unreviewed", disagreement: "1" });
    const where = reviewQueueWhere(projectId, filter, { id: annotator.id, role: "annotator" });
    const plan = await getPrisma().$queryRaw<{ "QUERY PLAN": string }[]>`
      EXPLAIN SELECT n.id FROM nodes n WHERE ${where} ORDER BY n.id DESC LIMIT 101`;
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).not.toMatch(/Scan/);
  });

  it("look an annotator's own decisions up per node, never hashing all of them", async () => {
    // The plain NOT EXISTS was planned as a hashed scan of every review by the annotator (BENCHMARKS.md,
    // bench:mixed); see notDecidedByViewer.
    const filter = reviewQueueFilterSchema.parse({ status: "unreviewed" });
    const where = reviewQueueWhere(projectId, filter, { id: annotator.id, role: "annotator" });
    const plan = await getPrisma().$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN SELECT count(*) FROM (SELECT 1 FROM nodes n WHERE ${where} LIMIT 1001) t`,
    );
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/SubPlan/);
    expect(text).not.toMatch(/hashed/);
  });
});
