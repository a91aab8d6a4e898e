/** Distinct and total word n-grams (n = 1, 2, 3) over a set of instructions. */
export interface NgramCounts {
  distinct: [number, number, number];
  total: [number, number, number];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lowercase words; punctuation separates words and is not one. */
export function wordsOf(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
}

/** distinct ÷ total for each n (Li et al. 2016's distinct-n); 0 for a set with no n-grams. */
export function distinctRatios(counts: NgramCounts): [number, number, number] {
  return counts.distinct.map((d, i) => (counts.total[i]! === 0 ? 0 : d / counts.total[i]!)) as [number, number, number];
}

const COMPACT_AT = 1 << 20;

/**
 * Counts n-grams of many texts in bounded memory: each n-gram is a 53-bit
 * hash (two 32-bit FNV-1a hashes; at a million distinct n-grams a collision is
 * about as likely as 1 in 10,000), kept in a typed array that is sorted and
 * deduplicated whenever it fills, so memory follows the distinct n-grams, not
 * the total.
 */
export class NgramCounter {
  private readonly seen: Float64Array[];
  private readonly used = [0, 0, 0];
  private readonly total: [number, number, number] = [0, 0, 0];

  /** capacity: n-grams held per n before the first compaction. */
  constructor(capacity = COMPACT_AT) {
    this.seen = [0, 1, 2].map(() => new Float64Array(capacity));
  }

  add(text: string): void {
    const words = wordsOf(text);
    const h1 = words.map((w) => fnv(w, 0x811c9dc5));
    const h2 = words.map((w) => fnv(w, 0x050c5d1f));
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        let a = n;
        let b = n * 0x9e3779b1;
        for (let k = i; k < i + n; k++) {
          a = Math.imul(a ^ h1[k]!, 0x01000193) >>> 0;
          b = Math.imul(b ^ h2[k]!, 0x01000193) >>> 0;
        }
        this.push(n - 1, (a >>> 11) * 2 ** 32 + (mixHash(b) >>> 0));
      }
      this.total[n - 1]! += Math.max(0, words.length - n + 1);
    }
  }

  counts(): NgramCounts {
    for (let n = 0; n < 3; n++) this.compact(n);
    return { distinct: [this.used[0]!, this.used[1]!, this.used[2]!], total: [...this.total] };
  }

  private push(n: number, hash: number): void {
    if (this.used[n] === this.seen[n]!.length) {
      this.compact(n);
      if (this.used[n]! > this.seen[n]!.length / 2) {
        const grown = new Float64Array(this.seen[n]!.length * 2);
        grown.set(this.seen[n]!.subarray(0, this.used[n]));
        this.seen[n] = grown;
      }
    }
    this.seen[n]![this.used[n]!++] = hash;
  }

  private compact(n: number): void {
    const values = this.seen[n]!.subarray(0, this.used[n]).sort();
    let kept = 0;
    for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) values[kept++] = values[i]!;
    this.used[n] = kept;
  }
}

/** Distinct and total n-grams of a set of texts. */
export function countNgrams(texts: Iterable<string>): NgramCounts {
  const counter = new NgramCounter();
  for (const text of texts) counter.add(text);
  return counter.counts();
}

function fnv(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h ^ (h >>> 16);
}
