/**
 * Draws `size` of `items` without replacement, each equally likely (a partial
 * Fisher–Yates shuffle), in the order drawn. All of them when size ≥ length.
 */
export function drawSample<T>(items: readonly T[], size: number, random: () => number): T[] {
  const pool = [...items];
  const take = Math.max(0, Math.min(size, pool.length));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, take);
}
