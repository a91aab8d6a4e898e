import { DEFAULT_MINHASH_SEED, mix32, SIGNATURE_SIZE } from "@/lib/text/minhash";
import { oneHashSignature } from "@/lib/text/one-hash-signature";

/** Shown to users: two instructions whose shingle sets overlap this much are one. */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8;

export interface NearDuplicateOptions {
  /** Jaccard similarity (0 < t ≤ 1) of character 5-gram sets at or above which a text is a duplicate. */
  threshold?: number;
  /** Changes every hash function; the same seed always gives the same decisions. */
  seed?: number;
  /** Sizes the band tables; more records still work, with longer bucket chains. */
  expectedRecords?: number;
}

/** The text a record is compared on: instruction and input, not the answer. */
export function nearDuplicateText(r: { instruction: string; input: string }): string {
  return r.input === "" ? r.instruction : `${r.instruction}\n${r.input}`;
}

/**
 * LSH banding: b bands of r rows find candidates, which are then confirmed
 * on the whole signature. Picks the largest r (fewest spurious candidates)
 * whose chance of catching a pair exactly at the threshold is at least 98%;
 * pairs above it are caught more often still.
 */
export function bandsFor(threshold: number): { bands: number; rows: number } {
  for (let rows = SIGNATURE_SIZE; rows >= 1; rows--) {
    const bands = Math.floor(SIGNATURE_SIZE / rows);
    if (1 - (1 - threshold ** rows) ** bands >= 0.98) return { bands, rows };
  }
  return { bands: SIGNATURE_SIZE, rows: 1 };
}

const BLOCK = 4096; // records per storage block: memory grows in steps, never by copying
const STORED_BITS = 8;
// With 8 stored bits two unrelated minima still match 1 time in 256; correct for it.
const CHANCE = 1 / (1 << STORED_BITS);

/**
 * Streaming near-duplicate filter (MinHash + LSH). isDuplicate(text) says
 * whether the text is a near-duplicate of one seen before and, if not,
 * remembers it. Exact duplicates (after normalisation) always count: equal
 * texts have equal signatures, so they share every band and match 128/128.
 *
 * Memory per remembered text: the low 8 bits of each of the 128 minima
 * (b-bit MinHash, Li & König 2010: 128 bytes instead of 512) plus one chain
 * link per band (4 bytes each). Band tables are fixed arrays of chain heads
 * indexed by the band hash; two bands that land in the same slot only cost a
 * spurious candidate, which the signature check rejects. Nothing keeps the
 * texts themselves.
 */
export class NearDuplicateFilter {
  readonly threshold: number;
  readonly bands: number;
  readonly rows: number;
  private readonly seed: number;
  private readonly slotBits: number;
  private readonly heads: Int32Array;
  private readonly sigBlocks: Uint8Array[] = [];
  private readonly nextBlocks: Int32Array[] = [];
  private readonly stampBlocks: Int32Array[] = [];
  private count = 0;
  private query = 0;

  constructor(options: NearDuplicateOptions = {}) {
    const threshold = options.threshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
    this.threshold = threshold;
    this.seed = options.seed ?? DEFAULT_MINHASH_SEED;
    ({ bands: this.bands, rows: this.rows } = bandsFor(threshold));
    const expected = Math.max(1024, Math.min(options.expectedRecords ?? 250_000, 1 << 22));
    this.slotBits = Math.ceil(Math.log2(expected));
    this.heads = new Int32Array(this.bands << this.slotBits).fill(-1);
  }

  /** How many distinct texts are remembered. */
  get size(): number {
    return this.count;
  }

  /** Signs the text with one-permutation hashing (lib/text/one-hash-signature.ts): one hash per shingle. */
  isDuplicate(text: string): boolean {
    return this.matchOf(oneHashSignature(text, this.seed)) !== -1;
  }

  /**
   * The index (in the order remembered) of a remembered text this signature
   * is a near-duplicate of, or -1 after remembering it as a new one. All the
   * signatures one filter sees must be of one kind and seed (isDuplicate's, or
   * minHashSignature's as the diversity cache stores them).
   */
  matchOf(sig: Uint32Array): number {
    const slots = this.bandSlots(sig);
    const q = ++this.query;
    for (let b = 0; b < this.bands; b++) {
      for (
        let c = this.heads[slots[b]!]!;
        c !== -1;
        c = this.nextBlocks[c >>> 12]![(c & (BLOCK - 1)) * this.bands + b]!
      ) {
        const stamps = this.stampBlocks[c >>> 12]!;
        if (stamps[c & (BLOCK - 1)] === q) continue; // already compared via another band
        stamps[c & (BLOCK - 1)] = q;
        if (this.similarity(c, sig) >= this.threshold) return c;
      }
    }
    this.remember(sig, slots);
    return -1;
  }

  private bandSlots(sig: Uint32Array): Int32Array {
    const slots = new Int32Array(this.bands);
    for (let b = 0; b < this.bands; b++) {
      let h = this.seed ^ b;
      for (let i = b * this.rows; i < (b + 1) * this.rows; i++) h = mix32(h ^ sig[i]!);
      slots[b] = (b << this.slotBits) | (h >>> (32 - this.slotBits));
    }
    return slots;
  }

  private similarity(c: number, sig: Uint32Array): number {
    const stored = this.sigBlocks[c >>> 12]!;
    const base = (c & (BLOCK - 1)) * SIGNATURE_SIZE;
    let same = 0;
    for (let i = 0; i < SIGNATURE_SIZE; i++) if (stored[base + i] === (sig[i]! & 0xff)) same++;
    return (same / SIGNATURE_SIZE - CHANCE) / (1 - CHANCE);
  }

  private remember(sig: Uint32Array, slots: Int32Array): void {
    const id = this.count++;
    const block = id >>> 12;
    const at = id & (BLOCK - 1);
    if (at === 0) {
      this.sigBlocks.push(new Uint8Array(BLOCK * SIGNATURE_SIZE));
      this.nextBlocks.push(new Int32Array(BLOCK * this.bands));
      this.stampBlocks.push(new Int32Array(BLOCK));
    }
    const stored = this.sigBlocks[block]!;
    for (let i = 0; i < SIGNATURE_SIZE; i++) stored[at * SIGNATURE_SIZE + i] = sig[i]! & 0xff;
    const next = this.nextBlocks[block]!;
    for (let b = 0; b < this.bands; b++) {
      next[at * this.bands + b] = this.heads[slots[b]!]!;
      this.heads[slots[b]!] = id;
    }
  }
}
