import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";

/** What lists of nodes show about each: the tree and the review queue. */
export interface NodeSummary {
  id: string;
  rootId: string;
  parentId: string | null;
  round: number;
  operation: string | null;
  verdict: string;
  failedRules: string[];
  humanStatus: string;
  preview: string;
}

export interface NodeSummaryRow {
  id: string;
  root_id: string;
  parent_id: string | null;
  round: number;
  operation: string | null;
  verdict: string;
  failed_rules: string[] | null;
  human_status: string;
  preview: string;
}

export function toNodeSummary(r: NodeSummaryRow): NodeSummary {
  return {
    id: r.id,
    rootId: r.root_id,
    parentId: r.parent_id,
    round: r.round,
    operation: r.operation,
    verdict: r.verdict,
    failedRules: r.failed_rules ?? [],
    humanStatus: r.human_status,
    preview: r.preview,
  };
}

export type TreeNode = NodeSummary;

/** Every node of one lineage tree, in creation order, with what the tree view shows. */
export async function getLineageTree(options: { projectId: string; rootId: string }): Promise<TreeNode[]> {
  if (!isUuid(options.rootId) || !isUuid(options.projectId)) return [];
  const rows = await getPrisma().$queryRaw<NodeSummaryRow[]>`
    SELECT id, root_id, parent_id, round, operation::text, verdict::text, failed_rules, human_status::text,
           left(instruction, 160) AS preview
    FROM nodes WHERE root_id = ${options.rootId}::uuid AND project_id = ${options.projectId}::uuid
    ORDER BY round, id`;
  return rows.map(toNodeSummary);
}
