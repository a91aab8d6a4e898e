import { OPERATIONS, type Operation } from "./operations";
import { createRandom } from "./random";

export const DEFAULT_WEIGHTS: Record<Operation, number> = Object.fromEntries(
  OPERATIONS.map((op) => [op, 1 / OPERATIONS.length]),
) as Record<Operation, number>;

export function normalizeWeights(weights: Partial<Record<Operation, number>>): Record<Operation, number> {
  const raw = OPERATIONS.map((op) => weights[op] ?? 0);
  OPERATIONS.forEach((op, i) => {
    if (!Number.isFinite(raw[i]) || raw[i] < 0)
      throw new Error(`weight of ${op} must be a finite number ≥ 0, got ${raw[i]}`);
  });
  const total = raw.reduce((sum, w) => sum + w, 0);
  if (total <= 0) throw new Error("at least one operation needs a positive weight");
  return Object.fromEntries(OPERATIONS.map((op, i) => [op, raw[i] / total])) as Record<Operation, number>;
}

export interface PickOperationsOptions {
  weights: Partial<Record<Operation, number>>;
  k: number;
  seed: string;
}

// The seed should name the slot (run, node, round), so a retried or resumed
// job draws the very same operations instead of new ones.
export function pickOperations({ weights, k, seed }: PickOperationsOptions): Operation[] {
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a whole number ≥ 0, got ${k}`);
  const normalized = normalizeWeights(weights);
  // Only positive weights take part, so rounding can never select a zero-weight op.
  const candidates = OPERATIONS.filter((op) => normalized[op] > 0);
  const random = createRandom(seed);
  return Array.from({ length: k }, () => {
    let u = random();
    for (const op of candidates) {
      u -= normalized[op];
      if (u < 0) return op;
    }
    return candidates[candidates.length - 1];
  });
}

export interface LineageStep {
  parentId: string;
  childId: string | null;
  passed: boolean;
  humanRejected?: boolean;
}

export interface NextFrontierOptions {
  frontier: string[];
  steps: LineageStep[];
  rejectedByHuman: Set<string>;
}

// A child an annotator rejected counts as failed for its parent too, so the
// parent is evolved again instead of the lineage ending there. A rejected
// parent's passing children still go on: the rejection judged the parent's
// text, not the rewrites already made from it.
export function nextFrontier({ frontier, steps, rejectedByHuman }: NextFrontierOptions): string[] {
  const childrenOf = new Map<string, LineageStep[]>();
  for (const step of steps) {
    const list = childrenOf.get(step.parentId);
    if (list) list.push(step);
    else childrenOf.set(step.parentId, [step]);
  }
  const next = new Set<string>();
  for (const parent of frontier) {
    const passing = (childrenOf.get(parent) ?? []).flatMap((s) =>
      s.passed && !s.humanRejected && s.childId !== null && !rejectedByHuman.has(s.childId) ? [s.childId] : [],
    );
    for (const child of passing) next.add(child);
    if (passing.length === 0 && !rejectedByHuman.has(parent)) next.add(parent);
  }
  return [...next];
}
