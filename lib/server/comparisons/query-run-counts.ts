import { emptyCounts, type GroupCounts } from "@/lib/evolution/comparison-figures";
import { RULES, type RuleId } from "@/lib/evolution/eliminator";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { getRunCosts } from "@/lib/server/runs/get-run-costs";

/** A group of a run's nodes: all of them, one round's, or one operation's. */
export type GroupKey = "all" | `round:${number}` | `operation:${string}`;

type Row = {
  round: number;
  operation: string;
  /** GROUPING(round, operation): which grouping set the row is of. */
  grouping: 1 | 2 | 3;
  nodes: number;
  passed: number;
  reviewed: number;
  accepted: number;
  difficulty_change: number | null;
  difficulty_pairs: number;
  length_growth: number | null;
  length_pairs: number;
} & Record<`rule_${RuleId}`, number>;

/**
 * One run's counts per group, in one grouped statement over the nodes its
 * steps made (each joined to its parent for the changes), with the cost
 * table's calls, tokens and cost (kept sums, decision 0024).
 */
export async function queryRunCounts(options: { runId: string }): Promise<Map<GroupKey, GroupCounts>> {
  const ruleColumns = Prisma.join(
    RULES.map(
      (rule) =>
        Prisma.sql`count(*) FILTER (WHERE NOT (${rule} = ANY(n.failed_rules)))::int AS ${Prisma.raw(`"rule_${rule}"`)}`,
    ),
  );
  const [rows, costs] = await Promise.all([
    getPrisma().$queryRaw<Row[]>`
      SELECT n.run_round AS round, n.operation::text AS operation, GROUPING(n.run_round, n.operation)::int AS grouping,
        count(*)::int AS nodes,
        count(*) FILTER (WHERE n.verdict = 'passed')::int AS passed,
        ${ruleColumns},
        count(*) FILTER (WHERE n.human_status <> 'unreviewed')::int AS reviewed,
        count(*) FILTER (WHERE n.human_status = 'accepted')::int AS accepted,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY n.difficulty - p.difficulty) AS difficulty_change,
        count(n.difficulty - p.difficulty)::int AS difficulty_pairs,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY n.instruction_words - p.instruction_words) AS length_growth,
        count(n.instruction_words - p.instruction_words)::int AS length_pairs
      FROM nodes n JOIN nodes p ON p.id = n.parent_id
      WHERE n.run_id = ${options.runId}::uuid AND n.run_round IS NOT NULL
      GROUP BY GROUPING SETS ((n.run_round), (n.operation), ())`,
    getRunCosts({ runId: options.runId }),
  ]);
  const groups = new Map<GroupKey, GroupCounts>();
  const groupOf = (key: GroupKey) => {
    let counts = groups.get(key);
    if (!counts) groups.set(key, (counts = emptyCounts()));
    return counts;
  };
  for (const row of rows) {
    // GROUPING is a bit mask of the columns left out: 3 both (all), 1 operation (a round), 2 round (an operation).
    const key: GroupKey =
      row.grouping === 3 ? "all" : row.grouping === 1 ? `round:${row.round}` : `operation:${row.operation}`;
    Object.assign(groupOf(key), {
      nodes: row.nodes,
      passed: row.passed,
      rulePassed: Object.fromEntries(RULES.map((rule) => [rule, row[`rule_${rule}`]])),
      reviewed: row.reviewed,
      accepted: row.accepted,
      difficultyChange: row.difficulty_change,
      difficultyPairs: row.difficulty_pairs,
      lengthGrowth: row.length_growth,
      lengthPairs: row.length_pairs,
    });
  }
  const lines = [
    { key: "all" as GroupKey, line: costs.total },
    ...costs.perRound.flatMap((line) => (line.key === null ? [] : [{ key: `round:${line.key}` as GroupKey, line }])),
    ...costs.perOperation.flatMap((line) =>
      line.key === null ? [] : [{ key: `operation:${line.key}` as GroupKey, line }],
    ),
  ];
  for (const { key, line } of lines)
    Object.assign(groupOf(key), {
      calls: line.calls,
      tokens: line.tokens,
      costUsd: line.costUsd,
      costAccepted: line.accepted,
    });
  return groups;
}
