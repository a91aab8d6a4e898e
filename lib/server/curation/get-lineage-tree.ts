import { getPrisma } from "@/lib/server/db/prisma";

export interface TreeNode {
  id: string;
  parentId: string | null;
  round: number;
  operation: string | null;
  verdict: string;
  failedRules: string[];
  humanStatus: string;
  preview: string;
  runId: string | null;
}

/** Every node of one lineage tree, in creation order, with what the tree view shows. */
export async function getLineageTree(options: { projectId: string; rootId: string }): Promise<TreeNode[]> {
  const rows = await getPrisma().$queryRaw<
    { id: string; parent_id: string | null; round: number; operation: string | null; verdict: string; failed_rules: string[] | null; human_status: string; preview: string; run_id: string | null }[]
  >`
    SELECT id, parent_id, round, operation::text, verdict::text, failed_rules, human_status::text,
           left(instruction, 160) AS preview, run_id
    FROM nodes WHERE root_id = ${options.rootId}::uuid AND project_id = ${options.projectId}::uuid
    ORDER BY round, id`;
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    round: r.round,
    operation: r.operation,
    verdict: r.verdict,
    failedRules: r.failed_rules ?? [],
    humanStatus: r.human_status,
    preview: r.preview,
    runId: r.run_id,
  }));
}
