import type { QueueViewer } from "./review-queue-where";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import type { ReviewQueueFilter } from "@/lib/validation/review";
import { toNodeSummary, type NodeSummary, type NodeSummaryRow } from "./get-lineage-tree";
import { queueOrderSql as queueOrder, reviewQueueWhere } from "./review-queue-where";

export type QueueItem = NodeSummary;

export const QUEUE_PAGE_SIZE = 100;

/** What a queue row shows (NodeSummaryRow), and the queue's order by time-ordered id. */
const QUEUE_COLUMNS = Prisma.sql`n.id, n.root_id, n.parent_id, n.round, n.operation::text, n.verdict::text, n.failed_rules, n.human_status::text, left(n.instruction, 200) AS preview`;

/**
 * One page of the review queue, keyset-paginated on the time-ordered node id,
 * so page 1,000 costs what page 1 costs.
 */
export async function listReviewQueue(options: {
  projectId: string;
  filter: ReviewQueueFilter;
  viewer?: QueueViewer;
  after?: string | null;
  limit?: number;
}) {
  const limit = Math.min(options.limit ?? QUEUE_PAGE_SIZE, 500);
  const where = reviewQueueWhere(options.projectId, options.filter, options.viewer);
  const newest = options.filter.sort === "newest";
  const cursor = options.after
    ? newest
      ? Prisma.sql`AND n.id < ${options.after}::uuid`
      : Prisma.sql`AND n.id > ${options.after}::uuid`
    : Prisma.empty;
  const rows = await getPrisma().$queryRaw<NodeSummaryRow[]>`
    SELECT ${QUEUE_COLUMNS}
    FROM nodes n WHERE ${where} ${cursor} ${queueOrder(options.filter, "n")} LIMIT ${limit + 1}`;
  return toPage(rows, limit);
}

/** The first `limit` rows as a page; one more row fetched than shown says whether a next page exists. */
function toPage(rows: NodeSummaryRow[], limit: number): { items: QueueItem[]; nextCursor: string | null } {
  const items: QueueItem[] = rows.slice(0, limit).map(toNodeSummary);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

export const QUEUE_COUNT_CAP = 1_000;

/**
 * The queue's first page and how many nodes match, counted exactly up to a
 * cap: past it the queue says "1,000+", so a broad filter never scans the
 * whole project just to print a number (bulk actions count exactly before
 * they confirm).
 *
 * Two plans, measured on 250,000 nodes (BENCHMARKS.md). A text search goes
 * through the trigram index, which yields its matches in no useful order: the
 * page and the count both scan all of them, so one statement reads the
 * matches once, counts them with a window function and takes the page from
 * them. Other filters can walk the id index in queue order for the page,
 * while the count takes any matches, fastest first; run side by side.
 */
export async function firstReviewQueuePage(options: {
  projectId: string;
  filter: ReviewQueueFilter;
  viewer?: QueueViewer;
}) {
  if (!options.filter.q) {
    const [page, matches] = await Promise.all([listReviewQueue(options), countMatches(options)]);
    return { ...page, total: capped(matches) };
  }
  const limit = QUEUE_PAGE_SIZE;
  const where = reviewQueueWhere(options.projectId, options.filter, options.viewer);
  const rows = await getPrisma().$queryRaw<(NodeSummaryRow & { matches: bigint })[]>`
    SELECT m.*, count(*) OVER () AS matches FROM (
      SELECT ${QUEUE_COLUMNS}
      FROM nodes n WHERE ${where} ${queueOrder(options.filter, "n")} LIMIT ${QUEUE_COUNT_CAP + 1}
    ) m ${queueOrder(options.filter, "m")} LIMIT ${limit + 1}`;
  return { ...toPage(rows, limit), total: capped(rows.length ? Number(rows[0].matches) : 0) };
}

async function countMatches(options: {
  projectId: string;
  filter: ReviewQueueFilter;
  viewer?: QueueViewer;
}): Promise<number> {
  const [row] = await getPrisma().$queryRaw<{ c: bigint }[]>`
    SELECT count(*) AS c FROM (SELECT 1 FROM nodes n WHERE ${reviewQueueWhere(options.projectId, options.filter, options.viewer)} LIMIT ${QUEUE_COUNT_CAP + 1}) t`;
  return Number(row.c);
}

const capped = (matches: number) =>
  matches > QUEUE_COUNT_CAP ? { count: QUEUE_COUNT_CAP, capped: true } : { count: matches, capped: false };
