/**
 * MinHash signatures over character 5-gram shingles.
 *
 * Character shingles rather than word shingles: with word 5-grams one
 * changed word in a 30-word sentence already drops the Jaccard similarity
 * to ~0.68, and CJK text has no spaces to split on. Character 5-grams of the
 * normalised text keep a one-word edit of a long sentence near 0.9.
 *
 * The 128 hash functions are g_i(x) = h1(x) + i·h2(x) mod 2^32 (Kirsch &
 * Mitzenmacher double hashing) over two seeded 32-bit hashes of each
 * shingle: one add and one compare per shingle and function, deterministic
 * for a given seed.
 */
export const SIGNATURE_SIZE = 128;
/** The seed every stored signature (node diversity cache) is computed with. */
export const DEFAULT_MINHASH_SEED = 0x2545f491;
export const SHINGLE_SIZE = 5;

const PUNCTUATION_OR_SPACE = /[\s\p{P}\p{S}]+/gu;

const NON_ASCII = /[^\x00-\x7f]/;
// The same characters as PUNCTUATION_OR_SPACE within ASCII (whitespace, and the punctuation and symbols between the
// letters and digits), without Unicode properties: these cost tens of microseconds per text, which the export's
// near-duplicate removal pays once per record.
const ASCII_PUNCTUATION_OR_SPACE = /[\s!-/:-@[-`{-~]+/g;

/** Case, Unicode form, punctuation and spacing do not make two instructions different. */
export function normaliseForShingles(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(ASCII_PUNCTUATION_OR_SPACE, " ").trim();
  return text.normalize("NFKC").toLowerCase().replace(PUNCTUATION_OR_SPACE, " ").trim();
}

/** murmur3's finaliser: a bijection on 32-bit integers with full avalanche. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The 128-value MinHash signature of a text (normalised here). A text
 * shorter than one shingle is a single shingle, so even "Hi" has a signature.
 * Written as one flat loop: this runs once per exported record.
 */
export function minHashSignature(text: string, seed = DEFAULT_MINHASH_SEED): Uint32Array {
  const s = normaliseForShingles(text);
  // Signed int32 arithmetic and comparison keep V8 on its fast integer path
  // (uint32 values above 2^31 would be boxed as doubles); the minimum under a
  // signed order is as good a MinHash as under the unsigned one.
  const mins = new Int32Array(SIGNATURE_SIZE).fill(0x7fffffff);
  const n = s.length;
  const last = Math.max(0, n - SHINGLE_SIZE);
  for (let start = 0; start <= last; start++) {
    let h = seed;
    const end = Math.min(n, start + SHINGLE_SIZE);
    for (let k = start; k < end; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
    let v = mix32(h) | 0;
    const step = mix32(v ^ 0x9e3779b9) | 1;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      if (v < mins[i]!) mins[i] = v;
      v = (v + step) | 0;
    }
  }
  return new Uint32Array(mins.buffer);
}

/** Fraction of equal positions: an unbiased estimate of the shingle-set Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** Exact Jaccard similarity of the two texts' shingle sets (for tests and small checks). */
export function shingleJaccard(a: string, b: string): number {
  const set = (t: string): Set<string> => {
    const s = normaliseForShingles(t);
    const out = new Set<string>();
    for (let i = 0; i <= Math.max(0, s.length - SHINGLE_SIZE); i++) out.add(s.slice(i, i + SHINGLE_SIZE));
    return out;
  };
  const sa = set(a);
  const sb = set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}
