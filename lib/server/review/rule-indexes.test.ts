// The review queue's rule filter reads its rule's partial index (migration
// 20261211100000, decision 0049): every rule the eliminator can fail a node on
// has its pair of indexes, a page filtered by a rule (alone, or with a round)
// is planned as a walk of that rule's index in queue order, and the page is
// the one a scan of the nodes finds.
import { beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_RULES } from "@/lib/server/dashboard/dashboard-types";
import { reviewQueueFilterSchema } from "@/lib/validation/review";
import { createProjectWithSeeds } from "@/tests/fixtures/projects";
import { createTestUser } from "@/tests/fixtures/users";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { listReviewQueue } = await import("./list-review-queue");
const { reviewQueueWhere, queueOrderSql } = await import("./review-queue-where");

const NODES = 4_000;
const ROUNDS = 4;
let projectId: string;
/** Each fixture node's id (uuid7-like, in insertion order), round and failed rules. */
const nodes: { id: string; round: number; failedRules: string[] }[] = [];

beforeAll(async () => {
  const admin = await createTestUser("admin");
  projectId = (await createProjectWithSeeds({ count: 1, actorId: admin.id })).id;
  const seedId = (await getPrisma().node.findFirstOrThrow({ where: { projectId } })).id;
  // Most nodes pass; every 7th fails one rule and every 13th two, the rules taken in turn: each rule is a few
  // percent of the project, as in a real run.
  for (let i = 0; i < NODES; i++) {
    const failedRules: string[] = [];
    if (i % 7 === 0) failedRules.push(DASHBOARD_RULES[(i / 7) % DASHBOARD_RULES.length]);
    if (i % 13 === 0) failedRules.push(DASHBOARD_RULES[(i / 13 + 3) % DASHBOARD_RULES.length]);
    const unique = [...new Set(failedRules)];
    nodes.push({
      id: `0190a1b2-c3d4-7e5f-8a6b-${i.toString(16).padStart(12, "0")}`,
      round: 1 + (i % ROUNDS),
      failedRules: unique,
    });
  }
  await getPrisma().node.createMany({
    data: nodes.map((node, i) => ({
      id: node.id,
      projectId,
      rootId: seedId,
      parentId: seedId,
      round: node.round,
      operation: "deepen" as const,
      instruction: `Node ${i}: explain how tides follow the moon, in ${i % 50} sentences.`,
      contentHash: node.id,
      verdict: node.failedRules.length ? ("failed" as const) : ("passed" as const),
      failedRules: node.failedRules,
    })),
  });
  await getPrisma().$executeRawUnsafe("ANALYZE nodes");
});

async function planOf(raw: Record<string, string>): Promise<string> {
  const filter = reviewQueueFilterSchema.parse(raw);
  const rows = await getPrisma().$queryRaw<{ "QUERY PLAN": string }[]>`
    EXPLAIN SELECT n.id, n.instruction FROM nodes n WHERE ${reviewQueueWhere(projectId, filter)} ${queueOrderSql(filter, "n")} LIMIT 101`;
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("the review queue's rule indexes", () => {
  it("exist for every rule the eliminator can fail a node on, each holding only that rule's nodes", async () => {
    const rows = await getPrisma().$queryRaw<{ indexname: string; indexdef: string }[]>`
      SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'nodes' AND indexname LIKE 'nodes_rule_%'`;
    const byName = new Map(rows.map((row) => [row.indexname, row.indexdef]));
    expect(byName.size).toBe(DASHBOARD_RULES.length * 2);
    for (const rule of DASHBOARD_RULES) {
      expect(byName.get(`nodes_rule_${rule}_idx`)).toContain(`(project_id, id) WHERE (failed_rules @> ARRAY['${rule}'`);
      expect(byName.get(`nodes_rule_${rule}_round_idx`)).toContain(
        `(project_id, round, id) WHERE (failed_rules @> ARRAY['${rule}'`,
      );
    }
  });

  it.each(DASHBOARD_RULES)("walks the index of %s for its pages, alone and within a round", async (rule) => {
    expect(await planOf({ rule })).toMatch(new RegExp(`Index Scan Backward using nodes_rule_${rule}_idx on nodes`));
    expect(await planOf({ rule, round: "2", sort: "oldest" })).toMatch(
      new RegExp(`Index Scan using nodes_rule_${rule}_round_idx on nodes`),
    );
  });

  it.each(DASHBOARD_RULES)("gives the page a scan of the nodes finds, for %s", async (rule) => {
    for (const round of [undefined, 3]) {
      const filter = reviewQueueFilterSchema.parse(round ? { rule, round: String(round) } : { rule });
      const page = await listReviewQueue({ projectId, filter });
      const expected = nodes
        .filter((node) => node.failedRules.includes(rule) && (round === undefined || node.round === round))
        .map((node) => node.id)
        .sort()
        .reverse();
      expect(expected.length).toBeGreaterThan(20);
      expect(page.items.map((item) => item.id)).toEqual(expected.slice(0, page.items.length));
      expect(page.items.length).toBe(Math.min(expected.length, 100));
    }
  });
});
