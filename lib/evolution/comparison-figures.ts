import { intervalsDiffer, wilsonInterval, type RateInterval } from "./compare-stats";
import { RULES, type RuleId } from "./eliminator";

/** What one run's nodes of one group (all rounds, a round or an operation) counted. */
export interface GroupCounts {
  nodes: number;
  /** Nodes that passed the eliminator (every rule). */
  passed: number;
  /** Per rule, the nodes that did not fail it. */
  rulePassed: Record<RuleId, number>;
  /** Nodes with a human status other than unreviewed, and those accepted. */
  reviewed: number;
  accepted: number;
  /** Median difficulty of a node minus its parent's, over the pairs where both were scored. */
  difficultyChange: number | null;
  difficultyPairs: number;
  /** Median words of a node's instruction minus its parent's. */
  lengthGrowth: number | null;
  lengthPairs: number;
  /** LLM calls and their cost (null: a model without a price) or tokens, of the group's steps. */
  calls: number;
  tokens: number;
  costUsd: number | null;
  /** Accepted nodes as the cost table counts them (docs/decisions/0024-what-a-node-cost.md). */
  costAccepted: number;
}

export interface GroupFigures {
  nodes: number;
  passed: RateInterval | null;
  /** Null for a rule the run had switched off. */
  rules: Record<RuleId, RateInterval | null>;
  accepted: RateInterval | null;
  /** Nodes the duplicate rule eliminated (null when it was off). */
  duplicates: RateInterval | null;
  difficultyChange: { median: number | null; pairs: number };
  lengthGrowth: { median: number | null; pairs: number };
  callsPerAccepted: number | null;
  tokensPerAccepted: number | null;
  costPerAcceptedUsd: number | null;
}

/** The rates with their 95 % Wilson intervals and the per-accepted-node figures of one run's group. */
export function groupFigures(counts: GroupCounts, enabled: Record<RuleId, boolean>): GroupFigures {
  const rules = Object.fromEntries(
    RULES.map((rule) => [rule, enabled[rule] ? wilsonInterval(counts.rulePassed[rule], counts.nodes) : null]),
  ) as Record<RuleId, RateInterval | null>;
  const per = (total: number | null) =>
    total === null || counts.costAccepted === 0 ? null : total / counts.costAccepted;
  return {
    nodes: counts.nodes,
    passed: wilsonInterval(counts.passed, counts.nodes),
    rules,
    accepted: wilsonInterval(counts.accepted, counts.reviewed),
    duplicates: enabled.duplicate ? wilsonInterval(counts.nodes - counts.rulePassed.duplicate, counts.nodes) : null,
    difficultyChange: { median: counts.difficultyChange, pairs: counts.difficultyPairs },
    lengthGrowth: { median: counts.lengthGrowth, pairs: counts.lengthPairs },
    callsPerAccepted: per(counts.calls),
    tokensPerAccepted: per(counts.tokens),
    costPerAcceptedUsd: per(counts.costUsd),
  };
}

/** Which of two runs' rates differ by the page's rule (their 95 % intervals do not overlap). */
export interface GroupDifferences {
  passed: boolean;
  rules: Record<RuleId, boolean>;
  accepted: boolean;
  duplicates: boolean;
}

export function groupDifferences(a: GroupFigures, b: GroupFigures): GroupDifferences {
  return {
    passed: intervalsDiffer(a.passed, b.passed),
    rules: Object.fromEntries(RULES.map((rule) => [rule, intervalsDiffer(a.rules[rule], b.rules[rule])])) as Record<
      RuleId,
      boolean
    >,
    accepted: intervalsDiffer(a.accepted, b.accepted),
    duplicates: intervalsDiffer(a.duplicates, b.duplicates),
  };
}

export function emptyCounts(): GroupCounts {
  return {
    nodes: 0,
    passed: 0,
    rulePassed: Object.fromEntries(RULES.map((r) => [r, 0])) as Record<RuleId, number>,
    reviewed: 0,
    accepted: 0,
    difficultyChange: null,
    difficultyPairs: 0,
    lengthGrowth: null,
    lengthPairs: 0,
    calls: 0,
    tokens: 0,
    costUsd: null,
    costAccepted: 0,
  };
}
