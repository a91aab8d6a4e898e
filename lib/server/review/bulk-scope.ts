import { Prisma } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import type { bulkScopeSchema } from "@/lib/validation/review";
import { reviewQueueWhere, type QueueViewer } from "./review-queue-where";

export type BulkScope = z.output<typeof bulkScopeSchema>;

/** SQL selecting the ids of the nodes a bulk action covers, always within the project (`viewer`: who acts, for "waiting for me" and blind filters). */
export function bulkScopeSql(projectId: string, scope: BulkScope, viewer?: QueueViewer): Prisma.Sql {
  if (scope.kind === "selection") {
    return Prisma.sql`SELECT id FROM nodes WHERE project_id = ${projectId}::uuid AND id = ANY(${scope.nodeIds}::uuid[])`;
  }
  if (scope.kind === "filter")
    return Prisma.sql`SELECT n.id FROM nodes n WHERE ${reviewQueueWhere(projectId, scope.filter, viewer)}`;
  return Prisma.sql`
    WITH RECURSIVE subtree AS (
      SELECT id FROM nodes WHERE id = ${scope.nodeId}::uuid AND project_id = ${projectId}::uuid
      UNION ALL SELECT n.id FROM nodes n JOIN subtree s ON n.parent_id = s.id
    ) SELECT id FROM subtree`;
}

export function describeScope(scope: BulkScope): string {
  if (scope.kind === "selection") return "selection";
  if (scope.kind === "subtree") return `subtree:${scope.nodeId}`;
  return "filter";
}
