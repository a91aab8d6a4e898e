import type { ReviewQueueFilter } from "@/lib/validation/review";

/** The pairs the disagreement filter selects: (eliminator verdict, human status). */
const DISAGREEING = [
  ["passed", "rejected"],
  ["failed", "accepted"],
] as const;

/**
 * Whether the queue's filters contradict each other, so that no node can match whatever the data: the queue then
 * answers empty without reading anything (reviewQueueWhere). Only what holds for every node, review rule and
 * viewer; lib/server/review/review-queue-matches-nothing.test.ts compares every combination with a full scan.
 *
 * Statuses are as the viewer sees them: an annotator (`blindViewerId`) sees a node's status only once they decided
 * it, so to them a node is "unreviewed" until then; admins see the stored status.
 *
 * - Disagreement selects a node whose status, as the viewer sees it, disagrees with the verdict: rejected and
 *   passed, or accepted and failed. For an annotator that needs their own decision, and then they see the stored
 *   status. A status or verdict filter that leaves neither pair matches nothing ("unreviewed" or "disputed" with
 *   disagreement: bench:mixed's slowest filter read every disagreeing node to return none).
 * - "Waiting for me" asks for nodes the viewer has not decided, "decided by" (`reviewer`) for nodes they have.
 *   An annotator sees every node they have not decided as "unreviewed", so with "waiting for me" their other
 *   statuses and disagreement match nothing.
 */
export function queueFilterMatchesNothing(
  filter: ReviewQueueFilter,
  viewer: { id: string; blind: boolean } | undefined,
): boolean {
  if (filter.disagreement) {
    const possible = DISAGREEING.some(
      ([verdict, status]) =>
        (filter.verdict === "any" || filter.verdict === verdict) &&
        (filter.status === "any" || filter.status === status),
    );
    if (!possible) return true;
  }
  if (filter.mine && viewer) {
    if (filter.reviewer === viewer.id) return true;
    if (viewer.blind && (filter.disagreement || (filter.status !== "any" && filter.status !== "unreviewed")))
      return true;
  }
  return false;
}
