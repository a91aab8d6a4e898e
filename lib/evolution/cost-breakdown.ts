import { costOf, type ModelPrice } from "./call-budget";

/** LLM calls of one run, one role, summed for a group (a round, an operation …); key null: no step known. */
export interface CallSumRow<K> {
  key: K | null;
  runId: string;
  role: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/** Nodes a group's steps made: passing the eliminator, and accepted by reviewers. */
export interface YieldRow<K> {
  key: K;
  passing: number;
  accepted: number;
}

/** The prices (per million tokens, per role) each run started with; a role missing has no price. */
export type RunPrices = Record<string, Partial<Record<string, ModelPrice>>>;

export interface CostLine<K> {
  /** null: calls no step can be named for (failed attempts are stored without their step). */
  key: K | null;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  tokens: number;
  /** null unless every model the group's calls used has a price. */
  costUsd: number | null;
  passing: number;
  accepted: number;
  tokensPerPassing: number | null;
  tokensPerAccepted: number | null;
  costPerPassingUsd: number | null;
  costPerAcceptedUsd: number | null;
}

const per = (total: number | null, count: number) => (total === null || count === 0 ? null : total / count);

/**
 * Sums calls into one line per key with what it cost and what it yielded:
 * a group's cost per accepted node is all it spent (eliminated work and failed
 * attempts too) over the accepted nodes it made, so what survived carries the rest.
 */
export function foldCosts<K extends string | number>(options: {
  calls: CallSumRow<K>[];
  yields: YieldRow<K>[];
  prices: RunPrices;
}): CostLine<K>[] {
  const lines = new Map<K | null, Omit<CostLine<K>, `${string}Per${string}`>>();
  const lineOf = (key: K | null) => {
    let line = lines.get(key);
    if (!line) {
      line = { key, calls: 0, promptTokens: 0, completionTokens: 0, tokens: 0, costUsd: 0, passing: 0, accepted: 0 };
      lines.set(key, line);
    }
    return line;
  };
  for (const row of options.calls) {
    const line = lineOf(row.key);
    line.calls += row.calls;
    line.promptTokens += row.promptTokens;
    line.completionTokens += row.completionTokens;
    line.tokens += row.promptTokens + row.completionTokens;
    const price = options.prices[row.runId]?.[row.role];
    line.costUsd =
      price && line.costUsd !== null
        ? line.costUsd + costOf({ prompt: row.promptTokens, completion: row.completionTokens }, price)
        : null;
  }
  for (const row of options.yields) {
    const line = lineOf(row.key);
    line.passing += row.passing;
    line.accepted += row.accepted;
  }
  return [...lines.values()]
    .map((line) => ({
      ...line,
      tokensPerPassing: per(line.tokens, line.passing),
      tokensPerAccepted: per(line.tokens, line.accepted),
      costPerPassingUsd: per(line.costUsd, line.passing),
      costPerAcceptedUsd: per(line.costUsd, line.accepted),
    }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One line for everything: the total of a run or a project. */
export function totalCost<K extends string | number>(options: {
  calls: CallSumRow<K>[];
  yields: YieldRow<K>[];
  prices: RunPrices;
}): CostLine<"total"> {
  const [line] = foldCosts<"total">({
    calls: options.calls.map((row) => ({ ...row, key: "total" })),
    yields: [
      { key: "total", passing: 0, accepted: 0 },
      ...options.yields.map((row) => ({ ...row, key: "total" as const })),
    ],
    prices: options.prices,
  });
  return line;
}
