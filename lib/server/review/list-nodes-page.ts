import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import type { ReviewQueueFilter } from "@/lib/validation/review";
import { queueOrderSql, reviewQueueWhere, type QueueViewer } from "./review-queue-where";

/** Characters of each text a node list row carries; `lengths` tells whether it was cut (GET one node for more). */
export const NODE_LIST_TEXT_CHARS = 4_000;

export interface NodeListRow {
  id: string;
  rootId: string;
  parentId: string | null;
  runId: string | null;
  round: number;
  operation: string | null;
  instruction: string;
  input: string;
  output: string | null;
  lengths: { instruction: number; input: number; output: number | null };
  verdict: string;
  failedRules: string[];
  humanStatus: string;
  createdAt: Date;
}

interface NodeListSqlRow {
  id: string;
  root_id: string;
  parent_id: string | null;
  run_id: string | null;
  round: number;
  operation: string | null;
  instruction: string;
  instruction_length: number;
  input: string;
  input_length: number;
  output: string | null;
  output_length: number | null;
  verdict: string;
  failed_rules: string[] | null;
  human_status: string;
  created_at: Date;
}

/**
 * Nodes matching the review queue's filters (reviewQueueWhere: the same
 * conditions, blind for an annotator), in the queue's order (by time-ordered
 * id, newest or oldest first), after the node `afterId` (keyset). Texts are
 * cut in SQL to NODE_LIST_TEXT_CHARS. Statuses are as stored: hide others'
 * with hideOthersStatuses before showing them to an annotator.
 */
export async function listNodesPage(options: {
  projectId: string;
  filter: ReviewQueueFilter;
  viewer: QueueViewer;
  afterId: string | null;
  limit: number;
}): Promise<NodeListRow[]> {
  const where = reviewQueueWhere(options.projectId, options.filter, options.viewer);
  const newest = options.filter.sort === "newest";
  const after = options.afterId
    ? newest
      ? Prisma.sql`AND n.id < ${options.afterId}::uuid`
      : Prisma.sql`AND n.id > ${options.afterId}::uuid`
    : Prisma.empty;
  const rows = await getPrisma().$queryRaw<NodeListSqlRow[]>`
    SELECT n.id::text, n.root_id::text, n.parent_id::text, n.run_id::text, n.round, n.operation::text,
           left(n.instruction, ${NODE_LIST_TEXT_CHARS}::int) AS instruction, length(n.instruction)::int AS instruction_length,
           left(n.input, ${NODE_LIST_TEXT_CHARS}::int) AS input, length(n.input)::int AS input_length,
           left(n.output, ${NODE_LIST_TEXT_CHARS}::int) AS output, length(n.output)::int AS output_length,
           n.verdict::text, n.failed_rules, n.human_status::text, n.created_at
    FROM nodes n WHERE ${where} ${after} ${queueOrderSql(options.filter, "n")} LIMIT ${options.limit}`;
  return rows.map((r) => ({
    id: r.id,
    rootId: r.root_id,
    parentId: r.parent_id,
    runId: r.run_id,
    round: r.round,
    operation: r.operation,
    instruction: r.instruction,
    input: r.input,
    output: r.output,
    lengths: { instruction: r.instruction_length, input: r.input_length, output: r.output_length },
    verdict: r.verdict,
    failedRules: r.failed_rules ?? [],
    humanStatus: r.human_status,
    createdAt: r.created_at,
  }));
}
