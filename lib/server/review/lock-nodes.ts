import type { Prisma } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/server/errors";

type Tx = Prisma.TransactionClient;

const CHUNK = 5_000;

/**
 * The locks every writer of decisions takes (one decision, a bulk decision,
 * its undo) before it reads a node's reviews, held to the end of the
 * transaction: a share lock on the project row, then the nodes' rows in id
 * order. Two writers on one node so apply one after the other, and the later
 * recomputes the status from the earlier one's decisions; one order for
 * everyone means overlapping bulk actions wait for each other instead of
 * deadlocking. A change of the project's status rule updates the project row,
 * which waits for every decision in flight and holds new ones back until the
 * statuses are recomputed under the new rule (lib/server/review/set-review-settings.ts).
 * Returns the ids that exist, in order.
 */
export async function lockNodes(options: { tx: Tx; projectId: string; nodeIds: string[] }): Promise<string[]> {
  const project = await options.tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM projects WHERE id = ${options.projectId}::uuid FOR SHARE`;
  if (project.length === 0) throw new UserFacingError("That project no longer exists.");
  const sorted = [...new Set(options.nodeIds)].sort();
  const locked: string[] = [];
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const rows = await options.tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM nodes
      WHERE id = ANY(${sorted.slice(i, i + CHUNK)}::uuid[]) AND project_id = ${options.projectId}::uuid
      ORDER BY id FOR UPDATE`;
    locked.push(...rows.map((r) => r.id));
  }
  return locked;
}
