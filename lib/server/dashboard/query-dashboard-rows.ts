import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { DASHBOARD_RULES } from "./dashboard-types";

/** One (round, operation) group, with its round's instruction-length statistics. */
export interface DashboardRow {
  round: number;
  operation: string | null;
  nodes: number;
  seeds: number;
  passed: number;
  failed: number;
  pending: number;
  unreviewed: number;
  accepted: number;
  rejected: number;
  disputed: number;
  /** Judged evolved nodes on which each of DASHBOARD_RULES fired, in that order. */
  rule_fired: number[];
  /** Nodes per difficulty 1..10. */
  difficulty: number[];
  difficulty_sum: number | null;
  words_mean: number | null;
  /** percentile_cont 0.1, 0.5 and 0.9 of the round's word counts. */
  words_pct: number[] | null;
}

const DIFFICULTIES = Array.from({ length: 10 }, (_, i) => i + 1);
const PERCENTILES = [0.1, 0.5, 0.9];

/**
 * percentile_cont(p) of a round's word counts from their histogram, with the
 * arithmetic of Postgres's own (float8, `lo + (hi - lo) * fraction` between the
 * values at the 0-based positions floor and ceil of p·(n − 1)): the value at
 * position i is the smallest word count whose running total exceeds i.
 */
function percentileSql(p: number): Prisma.Sql {
  const at = Prisma.sql`(${p}::float8 * (total - 1)::float8)`;
  const lo = Prisma.sql`min(words) FILTER (WHERE upto > floor(${at}))::float8`;
  const hi = Prisma.sql`min(words) FILTER (WHERE upto > ceil(${at}))::float8`;
  const fraction = Prisma.sql`(max(${at}) - floor(max(${at})))`;
  return Prisma.sql`${lo} + ${fraction} * (${hi} - ${lo})`;
}

/**
 * The whole dashboard from the figures Postgres keeps (migration
 * 20261207130000, decision 0037): the project's compacted totals plus the
 * deltas appended since, a few thousand rows whatever the project's size.
 * Same rows as the full scan (scan-dashboard-rows.ts), with the number of
 * deltas read so a caller can compact when they pile up.
 */
export function dashboardSql(projectId: string): Prisma.Sql {
  const sumWhere = (condition: Prisma.Sql) => Prisma.sql`coalesce(sum(n) FILTER (WHERE ${condition}), 0)::int`;
  const difficulty = Prisma.join(DIFFICULTIES.map((d) => sumWhere(Prisma.sql`difficulty = ${d}::int`)));
  const ruleFired = Prisma.join(DASHBOARD_RULES.map((rule) => sumWhere(Prisma.sql`rule = ${rule}`)));
  const noRules = Prisma.join(DASHBOARD_RULES.map(() => Prisma.sql`0`));
  const columns = Prisma.sql`kind, round, operation, seed, verdict, human_status, difficulty, rule, words, run_id`;
  return Prisma.sql`
    WITH d AS MATERIALIZED (
      SELECT ${columns}, nodes FROM dashboard_deltas WHERE project_id = ${projectId}::uuid
    ),
    a AS MATERIALIZED (
      SELECT ${columns}, sum(nodes) AS n
      FROM (SELECT ${columns}, nodes FROM dashboard_totals WHERE project_id = ${projectId}::uuid
            UNION ALL SELECT * FROM d) x
      GROUP BY ${columns}
      HAVING sum(nodes) <> 0
    ),
    by_operation AS MATERIALIZED (
      SELECT round, operation, sum(n)::int AS nodes,
             ${sumWhere(Prisma.sql`seed`)} AS seeds,
             ${sumWhere(Prisma.sql`NOT seed AND verdict = 'passed'`)} AS passed,
             ${sumWhere(Prisma.sql`NOT seed AND verdict = 'failed'`)} AS failed,
             ${sumWhere(Prisma.sql`NOT seed AND verdict = 'pending'`)} AS pending,
             ${sumWhere(Prisma.sql`human_status = 'unreviewed'`)} AS unreviewed,
             ${sumWhere(Prisma.sql`human_status = 'accepted'`)} AS accepted,
             ${sumWhere(Prisma.sql`human_status = 'rejected'`)} AS rejected,
             ${sumWhere(Prisma.sql`human_status = 'disputed'`)} AS disputed,
             ARRAY[${difficulty}]::int[] AS difficulty,
             sum(n * difficulty)::float8 AS difficulty_sum
      FROM a WHERE kind = 'node' GROUP BY round, operation
    ),
    rules AS MATERIALIZED (
      SELECT round, operation, ARRAY[${ruleFired}]::int[] AS rule_fired
      FROM a WHERE kind = 'rule' GROUP BY round, operation
    ),
    histogram AS (
      SELECT round, words, n,
             sum(n) OVER (PARTITION BY round ORDER BY words) AS upto,
             sum(n) OVER (PARTITION BY round) AS total
      FROM a WHERE kind = 'words'
    ),
    lengths AS MATERIALIZED (
      SELECT round, (sum(words * n)::numeric / sum(n)::numeric)::float8 AS words_mean,
             ARRAY[${Prisma.join(PERCENTILES.map(percentileSql))}]::float8[] AS words_pct
      FROM histogram GROUP BY round
    )
    SELECT o.round, o.operation::text AS operation, o.nodes, o.seeds, o.passed, o.failed, o.pending,
           o.unreviewed, o.accepted, o.rejected, o.disputed,
           coalesce(r.rule_fired, ARRAY[${noRules}]::int[]) AS rule_fired, o.difficulty, o.difficulty_sum,
           l.words_mean, l.words_pct, (SELECT count(*)::int FROM d) AS deltas
    FROM by_operation o
    LEFT JOIN rules r ON r.round = o.round AND r.operation IS NOT DISTINCT FROM o.operation
    LEFT JOIN lengths l ON l.round = o.round
    ORDER BY o.round, o.operation`;
}

/** The dashboard's rows, and how many delta rows were summed to make them. */
export async function queryDashboardRows(projectId: string): Promise<{ rows: DashboardRow[]; deltas: number }> {
  const rows = await getPrisma().$queryRaw<(DashboardRow & { deltas?: number })[]>(dashboardSql(projectId));
  const deltas = rows[0]?.deltas ?? 0;
  for (const row of rows) delete row.deltas;
  return { rows, deltas };
}
