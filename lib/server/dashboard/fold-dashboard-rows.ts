import { isOperation, OPERATIONS, type Operation } from "@/lib/evolution/operations";
import {
  DASHBOARD_RULES,
  type DashboardRule,
  type OperationStats,
  type ProjectDashboard,
  type RoundStats,
  type StatusCounts,
  type VerdictCounts,
} from "./dashboard-types";
import type { DashboardRow } from "./query-dashboard-rows";

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const byRule = <T>(value: (rule: DashboardRule, i: number) => T) =>
  Object.fromEntries(DASHBOARD_RULES.map((rule, i) => [rule, value(rule, i)])) as Record<DashboardRule, T>;

function emptyRound(row: DashboardRow): RoundStats & { difficultySum: number } {
  return {
    round: row.round,
    nodes: 0,
    verdicts: { passed: 0, failed: 0, pending: 0 },
    statuses: { unreviewed: 0, accepted: 0, rejected: 0, disputed: 0 },
    passRate: null,
    rulePassRates: byRule(() => null),
    ruleFired: byRule(() => 0),
    words:
      row.words_mean === null || !row.words_pct
        ? null
        : { mean: row.words_mean, p10: row.words_pct[0], p50: row.words_pct[1], p90: row.words_pct[2] },
    operations: Object.fromEntries(OPERATIONS.map((op) => [op, 0])) as Record<Operation, number>,
    difficulty: { scored: 0, mean: null, distribution: Array(10).fill(0) },
    difficultySum: 0,
  };
}

function addCounts(target: { verdicts: VerdictCounts; statuses: StatusCounts }, row: DashboardRow) {
  target.verdicts.passed += row.passed;
  target.verdicts.failed += row.failed;
  target.verdicts.pending += row.pending;
  target.statuses.unreviewed += row.unreviewed;
  target.statuses.accepted += row.accepted;
  target.statuses.rejected += row.rejected;
  target.statuses.disputed += row.disputed;
}

/** Folds the (round, operation) groups into rounds, operations and totals: a few dozen rows, whatever the project's size. */
export function foldDashboardRows(rows: DashboardRow[]): ProjectDashboard {
  const rounds = new Map<number, ReturnType<typeof emptyRound>>();
  const operations = new Map<Operation, OperationStats>();
  for (const row of rows) {
    const round = rounds.get(row.round) ?? emptyRound(row);
    rounds.set(row.round, round);
    round.nodes += row.nodes;
    addCounts(round, row);
    DASHBOARD_RULES.forEach((rule, i) => (round.ruleFired[rule] += row.rule_fired[i]));
    row.difficulty.forEach((count, i) => (round.difficulty.distribution[i] += count));
    round.difficultySum += row.difficulty_sum ?? 0;
    if (row.operation && isOperation(row.operation)) {
      round.operations[row.operation] += row.nodes - row.seeds;
      const op = operations.get(row.operation) ?? {
        operation: row.operation,
        nodes: 0,
        verdicts: { passed: 0, failed: 0, pending: 0 },
        statuses: { unreviewed: 0, accepted: 0, rejected: 0, disputed: 0 },
        passRate: null,
      };
      operations.set(row.operation, op);
      op.nodes += row.nodes - row.seeds;
      addCounts(op, row);
    }
  }
  const roundList: RoundStats[] = [...rounds.values()]
    .sort((a, b) => a.round - b.round)
    .map(({ difficultySum, ...r }) => {
      const judged = r.verdicts.passed + r.verdicts.failed;
      const scored = r.difficulty.distribution.reduce((a, b) => a + b, 0);
      return {
        ...r,
        passRate: rate(r.verdicts.passed, judged),
        rulePassRates: byRule((rule) => rate(judged - r.ruleFired[rule], judged)),
        difficulty: { ...r.difficulty, scored, mean: rate(difficultySum, scored) },
      };
    });
  const sum = (pick: (r: RoundStats) => number) => roundList.reduce((total, r) => total + pick(r), 0);
  const verdicts = {
    passed: sum((r) => r.verdicts.passed),
    failed: sum((r) => r.verdicts.failed),
    pending: sum((r) => r.verdicts.pending),
  };
  const nodes = sum((r) => r.nodes);
  const evolved = verdicts.passed + verdicts.failed + verdicts.pending;
  return {
    totals: { nodes, seeds: nodes - evolved, evolved, rounds: roundList.reduce((max, r) => Math.max(max, r.round), 0) },
    statuses: {
      unreviewed: sum((r) => r.statuses.unreviewed),
      accepted: sum((r) => r.statuses.accepted),
      rejected: sum((r) => r.statuses.rejected),
      disputed: sum((r) => r.statuses.disputed),
    },
    verdicts,
    passRate: rate(verdicts.passed, verdicts.passed + verdicts.failed),
    difficultyScored: sum((r) => r.difficulty.scored),
    rules: [...DASHBOARD_RULES],
    rounds: roundList,
    operations: OPERATIONS.flatMap((op) => {
      const stats = operations.get(op);
      return stats
        ? [{ ...stats, passRate: rate(stats.verdicts.passed, stats.verdicts.passed + stats.verdicts.failed) }]
        : [];
    }),
  };
}
