import type { InDepthOperation } from "@/lib/evolution/method-texts";
import { IN_DEPTH_OPERATIONS } from "@/lib/evolution/operations";
import { CASE_TEXT_LIMITS, type RefineCase } from "@/lib/evolution/refine-prompt";
import { getPrisma } from "@/lib/server/db/prisma";

/** Cases kept per operation and failing rule (and per operation for rejections): the most recent ones. */
export const CASES_PER_RULE = 5;

export interface MethodFailures {
  cases: RefineCase[];
  /** All of the version's failures per operation, of which `cases` are the most recent few. */
  totals: Record<InDepthOperation, { eliminated: number; rejected: number }>;
}

interface CaseRow {
  id: string;
  project_id: string;
  operation: InDepthOperation;
  rule: string | null;
  reason: string | null;
  tags: string[] | null;
  note: string | null;
  parent: string;
  instruction: string;
}

/**
 * A method version's failed in-depth evolutions: per operation and failing
 * rule the most recent `perRule` the eliminator dropped (with its reason), and
 * per operation the most recent `perRule` reviewers rejected (with the reason
 * tags and note of the standing rejection). Texts come clipped from the
 * database. In-breadth has no operation sentence to revise, so it is left out.
 */
export async function gatherMethodFailures(options: {
  methodVersionId: string;
  perRule?: number;
}): Promise<MethodFailures> {
  const prisma = getPrisma();
  const perRule = options.perRule ?? CASES_PER_RULE;
  const { parent: parentMax, instruction: instructionMax } = CASE_TEXT_LIMITS;
  const eliminated = await prisma.$queryRaw<CaseRow[]>`
    WITH ranked AS (
      SELECT n.id, r.rule,
             row_number() OVER (PARTITION BY n.operation, r.rule ORDER BY n.created_at DESC, n.id DESC) AS k
      FROM nodes n CROSS JOIN LATERAL unnest(n.failed_rules) AS r(rule)
      WHERE n.method_version_id = ${options.methodVersionId}::uuid AND n.verdict = 'failed'
        AND n.operation <> 'breadth'
    )
    SELECT n.id, n.project_id, n.operation::text AS operation, ranked.rule,
           coalesce((SELECT v->>'reason' FROM jsonb_array_elements(
                       CASE WHEN jsonb_typeof(n.eliminator->'verdicts') = 'array' THEN n.eliminator->'verdicts'
                            ELSE '[]'::jsonb END) v
                     WHERE v->>'rule' = ranked.rule LIMIT 1),
                    n.eliminator->>'parseError') AS reason,
           NULL::text[] AS tags, NULL AS note,
           left(coalesce(p.instruction, ''), ${parentMax}) AS parent, left(n.instruction, ${instructionMax}) AS instruction
    FROM ranked JOIN nodes n ON n.id = ranked.id LEFT JOIN nodes p ON p.id = n.parent_id
    WHERE ranked.k <= ${perRule}
    ORDER BY n.operation, ranked.rule, n.created_at DESC, n.id DESC`;
  const rejected = await prisma.$queryRaw<CaseRow[]>`
    WITH ranked AS (
      SELECT n.id, row_number() OVER (PARTITION BY n.operation ORDER BY n.created_at DESC, n.id DESC) AS k
      FROM nodes n
      WHERE n.method_version_id = ${options.methodVersionId}::uuid AND n.human_status = 'rejected'
        AND n.operation <> 'breadth'
    )
    SELECT n.id, n.project_id, n.operation::text AS operation, NULL AS rule, NULL AS reason,
           coalesce(rv.reason_tags, '{}') AS tags, coalesce(rv.note, '') AS note,
           left(coalesce(p.instruction, ''), ${parentMax}) AS parent, left(n.instruction, ${instructionMax}) AS instruction
    FROM ranked JOIN nodes n ON n.id = ranked.id LEFT JOIN nodes p ON p.id = n.parent_id
    LEFT JOIN LATERAL (
      SELECT reason_tags, note FROM reviews
      WHERE node_id = n.id AND decision = 'reject' AND revoked_at IS NULL
      ORDER BY created_at DESC, id DESC LIMIT 1
    ) rv ON true
    WHERE ranked.k <= ${perRule}
    ORDER BY n.operation, n.created_at DESC, n.id DESC`;
  const totals = await countMethodFailures({ methodVersionId: options.methodVersionId });
  const toCase =
    (kind: RefineCase["kind"]) =>
    (row: CaseRow): RefineCase => ({
      nodeId: row.id,
      projectId: row.project_id,
      operation: row.operation,
      kind,
      rule: row.rule,
      reason: row.reason,
      tags: row.tags ?? [],
      note: row.note ?? "",
      parent: row.parent,
      instruction: row.instruction,
    });
  return { cases: [...eliminated.map(toCase("eliminated")), ...rejected.map(toCase("rejected"))], totals };
}

/** How many in-depth evolutions of a method version the eliminator dropped and reviewers rejected, per operation. */
export async function countMethodFailures(options: { methodVersionId: string }): Promise<MethodFailures["totals"]> {
  const counts = await getPrisma().$queryRaw<{ operation: InDepthOperation; eliminated: bigint; rejected: bigint }[]>`
    SELECT operation::text AS operation,
           count(*) FILTER (WHERE verdict = 'failed') AS eliminated,
           count(*) FILTER (WHERE human_status = 'rejected') AS rejected
    FROM nodes
    WHERE method_version_id = ${options.methodVersionId}::uuid AND operation <> 'breadth'
      AND (verdict = 'failed' OR human_status = 'rejected')
    GROUP BY operation`;
  return Object.fromEntries(
    IN_DEPTH_OPERATIONS.map((op) => {
      const row = counts.find((c) => c.operation === op);
      return [op, { eliminated: Number(row?.eliminated ?? 0), rejected: Number(row?.rejected ?? 0) }];
    }),
  ) as MethodFailures["totals"];
}
