// How the export's threads (the export thread, the near-duplicate count thread) are started.

/**
 * Heap bounds of an export thread. The young generation matters most: an
 * export allocates fast and keeps a page in flight, so V8 would grow the
 * young generation to its maximum (64 MB semi-spaces on a large machine)
 * and keep it. Bounded to 8 MB, the 250,000-node bench peaks at ~250 MB RSS
 * for the whole process instead of ~380 MB, at the same speed. The old
 * generation holds a page plus, with near-duplicate removal, ~200 bytes of
 * signature per record.
 */
export const EXPORT_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 384 };

/**
 * A thread's argv: the parent's, with tsx added when the parent runs without it (Vitest). The parent may have it as
 * `--import tsx` (npm start) or as the tsx CLI passes it (`--import file:///…/node_modules/tsx/dist/loader.mjs`).
 */
export function threadArgv(): string[] {
  const argv = process.execArgv;
  return argv.some((a) => /\btsx\b/.test(a)) ? argv : [...argv, "--import", "tsx"];
}
