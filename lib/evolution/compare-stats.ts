/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface RateInterval {
  successes: number;
  trials: number;
  rate: number;
  low: number;
  high: number;
}

/**
 * The Wilson score interval of a proportion (Wilson 1927): unlike the normal
 * approximation it stays inside [0, 1] and behaves at 0 and n successes and for
 * small n, which per-round and per-operation groups often are. Null without trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): RateInterval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials)
    throw new RangeError(`wilsonInterval: ${successes} of ${trials} is not a count`);
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = p + z2 / (2 * trials);
  const half = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    successes,
    trials,
    rate: p,
    // Exact at the ends (rounding would leave 0.9999…).
    low: successes === 0 ? 0 : (centre - half) / denominator,
    high: successes === trials ? 1 : (centre + half) / denominator,
  };
}

/**
 * The comparison page's rule for "these differ": the two 95 % intervals do not
 * overlap. Conservative (non-overlap means p < 0.05 and then some; overlapping
 * intervals can still differ), so a marked difference is a real one.
 */
export function intervalsDiffer(a: RateInterval | null, b: RateInterval | null): boolean {
  if (!a || !b) return false;
  return a.high < b.low || b.high < a.low;
}

/** The median of a list of numbers (the mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
