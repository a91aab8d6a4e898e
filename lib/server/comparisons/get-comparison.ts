import {
  emptyCounts,
  groupDifferences,
  groupFigures,
  type GroupDifferences,
  type GroupFigures,
} from "@/lib/evolution/comparison-figures";
import { OPERATIONS, OPERATION_LABELS, type Operation } from "@/lib/evolution/operations";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";
import { enabledRules, parseRunConfig } from "@/lib/server/runs/run-config";
import { queryRunCounts, type GroupKey } from "./query-run-counts";

export interface ComparisonRun {
  id: string;
  name: string;
  status: string;
  method: string;
  weights: Record<Operation, number>;
  rounds: number;
}

export interface ComparisonGroup {
  key: GroupKey;
  label: string;
  kind: "all" | "round" | "operation";
  a: GroupFigures;
  b: GroupFigures;
  differs: GroupDifferences;
}

export interface ComparisonView {
  id: string;
  projectId: string;
  name: string;
  seeds: number;
  seedQuery: string;
  createdAt: Date;
  runs: [ComparisonRun, ComparisonRun];
  /** Every model both runs used had a price: cost per accepted node is in dollars, else in tokens. */
  priced: boolean;
  groups: ComparisonGroup[];
}

/**
 * A comparison's figures: for both runs, all rounds together, each round and
 * each operation, every rate with its 95 % Wilson interval and which differ.
 */
export async function getComparison(options: { projectId: string; comparisonId: string }): Promise<ComparisonView> {
  const runSelect = {
    id: true,
    status: true,
    rounds: true,
    config: true,
    methodVersion: { select: { version: true, method: { select: { name: true } } } },
  } as const;
  const comparison = await getPrisma().comparison.findFirst({
    where: { id: options.comparisonId, projectId: options.projectId },
    select: {
      id: true,
      projectId: true,
      name: true,
      seedQuery: true,
      seedIds: true,
      createdAt: true,
      runA: { select: runSelect },
      runB: { select: runSelect },
    },
  });
  if (!comparison) throw new NotFoundError("No such comparison in this project.");
  const sides = [comparison.runA, comparison.runB] as const;
  const configs = sides.map((run) => parseRunConfig(run.config));
  const [countsA, countsB] = await Promise.all(sides.map((run) => queryRunCounts({ runId: run.id })));
  const rounds = Math.max(...sides.map((run) => run.rounds));
  const used = OPERATIONS.filter((op) => configs.some((c) => (c.weights[op] ?? 0) > 0));
  const keys: { key: GroupKey; label: string; kind: ComparisonGroup["kind"] }[] = [
    { key: "all", label: "All rounds", kind: "all" },
    ...Array.from({ length: rounds }, (_, i) => ({
      key: `round:${i + 1}` as GroupKey,
      label: `Round ${i + 1}`,
      kind: "round" as const,
    })),
    ...used.map((op) => ({
      key: `operation:${op}` as GroupKey,
      label: OPERATION_LABELS[op],
      kind: "operation" as const,
    })),
  ];
  const [rulesA, rulesB] = configs.map(enabledRules);
  return {
    id: comparison.id,
    projectId: comparison.projectId,
    name: comparison.name,
    seeds: comparison.seedIds.length,
    seedQuery: comparison.seedQuery,
    createdAt: comparison.createdAt,
    runs: sides.map((run, i) => ({
      id: run.id,
      name: configs[i].name,
      status: run.status,
      method: `${run.methodVersion.method.name} v${run.methodVersion.version}`,
      weights: configs[i].weights as Record<Operation, number>,
      rounds: run.rounds,
    })) as [ComparisonRun, ComparisonRun],
    priced: [countsA, countsB].every((counts) => counts.get("all")?.costUsd !== null),
    groups: keys.map(({ key, label, kind }) => {
      const a = groupFigures(countsA.get(key) ?? emptyCounts(), rulesA);
      const b = groupFigures(countsB.get(key) ?? emptyCounts(), rulesB);
      return { key, label, kind, a, b, differs: groupDifferences(a, b) };
    }),
  };
}
