import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { DASHBOARD_RULES } from "./dashboard-types";
import type { DashboardRow } from "./query-dashboard-rows";

const DIFFICULTIES = Array.from({ length: 10 }, (_, i) => i + 1);

// Words per instruction: the generated column nodes.instruction_words
// (migration 20261129170000), so no request splits the texts again.
const WORDS = Prisma.sql`instruction_words`;

const col = (prefix: string, i: number) => Prisma.raw(`${prefix}${i}`);

/**
 * The full recount: the whole dashboard in one statement and one scan of the
 * project's nodes. The page reads the maintained figures (query-dashboard-rows.ts,
 * decision 0037); this scan is what tests and benchmarks compare them with.
 * The scan groups by round, operation, verdict and human status (a hundred
 * groups or so), which Postgres aggregates in parallel workers and which
 * replaces a per-row filter for each verdict and status; each group carries its word counts as an array to the per-round
 * percentiles. The outer queries fold the groups to (round, operation).
 * Measured on 250,000 nodes, this beat both grouping by (round, operation)
 * only and grouping by difficulty as well.
 */
export function dashboardScanSql(projectId: string): Prisma.Sql {
  const ruleCounts = Prisma.join(
    DASHBOARD_RULES.map((rule, i) => Prisma.sql`count(*) FILTER (WHERE ${rule} = ANY(failed_rules)) AS ${col("r", i)}`),
  );
  const difficultyCounts = Prisma.join(
    DIFFICULTIES.map((d) => Prisma.sql`count(*) FILTER (WHERE difficulty = ${d}::int) AS ${col("d", d)}`),
  );
  const ruleFired = Prisma.join(
    DASHBOARD_RULES.map(
      (_, i) => Prisma.sql`coalesce(sum(${col("r", i)}) FILTER (WHERE NOT seed AND verdict <> 'pending'), 0)`,
    ),
  );
  const difficulty = Prisma.join(DIFFICULTIES.map((d) => Prisma.sql`sum(${col("d", d)})`));
  const sumWhere = (condition: Prisma.Sql) => Prisma.sql`coalesce(sum(n) FILTER (WHERE ${condition}), 0)::int`;
  return Prisma.sql`
    WITH g AS MATERIALIZED (
      SELECT round, operation, parent_id IS NULL AS seed, verdict, human_status, count(*) AS n,
             ${ruleCounts}, ${difficultyCounts}, sum(difficulty) AS difficulty_sum,
             array_agg(${WORDS}) AS words
      FROM nodes WHERE project_id = ${projectId}::uuid
      GROUP BY round, operation, parent_id IS NULL, verdict, human_status
    ),
    lengths AS (
      SELECT round, avg(w)::float8 AS words_mean,
             percentile_cont(ARRAY[0.1, 0.5, 0.9]) WITHIN GROUP (ORDER BY w) AS words_pct
      FROM g, unnest(g.words) AS w
      GROUP BY round
    ),
    by_operation AS (
      SELECT round, operation, sum(n)::int AS nodes,
             ${sumWhere(Prisma.sql`seed`)} AS seeds,
             ${sumWhere(Prisma.sql`NOT seed AND verdict = 'passed'`)} AS passed,
             ${sumWhere(Prisma.sql`NOT seed AND verdict = 'failed'`)} AS failed,
             ${sumWhere(Prisma.sql`NOT seed AND verdict = 'pending'`)} AS pending,
             ${sumWhere(Prisma.sql`human_status = 'unreviewed'`)} AS unreviewed,
             ${sumWhere(Prisma.sql`human_status = 'accepted'`)} AS accepted,
             ${sumWhere(Prisma.sql`human_status = 'rejected'`)} AS rejected,
             ${sumWhere(Prisma.sql`human_status = 'disputed'`)} AS disputed,
             ARRAY[${ruleFired}]::int[] AS rule_fired,
             ARRAY[${difficulty}]::int[] AS difficulty,
             sum(difficulty_sum)::float8 AS difficulty_sum
      FROM g GROUP BY round, operation
    )
    SELECT o.round, o.operation::text AS operation, o.nodes, o.seeds, o.passed, o.failed, o.pending,
           o.unreviewed, o.accepted, o.rejected, o.disputed, o.rule_fired, o.difficulty, o.difficulty_sum,
           l.words_mean, l.words_pct
    FROM by_operation o LEFT JOIN lengths l USING (round)
    ORDER BY o.round, o.operation`;
}

/** The dashboard's rows recounted from every node of the project (tests and benchmarks only). */
export async function scanDashboardRows(projectId: string): Promise<DashboardRow[]> {
  return getPrisma().$queryRaw<DashboardRow[]>(dashboardScanSql(projectId));
}
