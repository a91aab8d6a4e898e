import type { QueueViewer } from "./review-queue-where";
import type { ReviewQueueFilter } from "@/lib/validation/review";
import { listReviewQueue } from "./list-review-queue";

/**
 * The nodes before and after one node in the queue's order, under the same filters, and the one after the next
 * (the review page prefetches it, so skipping quickly finds the next node already in the browser).
 */
export async function queueNeighbours(options: {
  projectId: string;
  filter: ReviewQueueFilter;
  viewer?: QueueViewer;
  nodeId: string;
}) {
  const reversed: ReviewQueueFilter = {
    ...options.filter,
    sort: options.filter.sort === "newest" ? "oldest" : "newest",
  };
  const [next, previous] = await Promise.all([
    listReviewQueue({
      projectId: options.projectId,
      filter: options.filter,
      viewer: options.viewer,
      after: options.nodeId,
      limit: 2,
    }),
    listReviewQueue({
      projectId: options.projectId,
      filter: reversed,
      viewer: options.viewer,
      after: options.nodeId,
      limit: 1,
    }),
  ]);
  return {
    next: next.items[0]?.id ?? null,
    afterNext: next.items[1]?.id ?? null,
    previous: previous.items[0]?.id ?? null,
  };
}
