// The kappa arithmetic shared by rater-vs-rater and eliminator-vs-human
// agreement, kept apart so both modules can use it without importing each other.

export interface KappaResult {
  /** Cohen's kappa; null when undefined (no items, or chance agreement is already 1). */
  kappa: number | null;
  /** Share of items both raters labelled the same (0 when n = 0). */
  observed: number;
  /** Agreement expected by chance from each rater's label frequencies (0 when n = 0). */
  expected: number;
  n: number;
}

/**
 * Kappa from integer tallies: agreements, n, and Σ over labels of
 * (count by rater A × count by rater B). Equivalent to (po − pe) / (1 − pe)
 * multiplied through by n², which keeps the arithmetic exact in integers so
 * that "pe = 1" is detected exactly rather than as 0.9999….
 */
export function kappaFromTallies(agreements: number, n: number, marginalProducts: number): KappaResult {
  if (n === 0) return { kappa: null, observed: 0, expected: 0, n };
  const denominator = n * n - marginalProducts;
  return {
    // pe = 1 happens only when both raters gave every item the same single
    // label: there is no variation to agree on beyond chance, so kappa is 0/0.
    kappa: denominator === 0 ? null : (n * agreements - marginalProducts) / denominator,
    observed: agreements / n,
    expected: marginalProducts / (n * n),
    n,
  };
}
