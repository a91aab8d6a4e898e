import { DEFAULT_MINHASH_SEED, mix32, normaliseForShingles, SHINGLE_SIZE, SIGNATURE_SIZE } from "./minhash";

const BIN_SHIFT = 32 - Math.log2(SIGNATURE_SIZE);
const VALUE_MASK = (1 << BIN_SHIFT) - 1;
const EMPTY = 0x7fffffff; // above every value (they have BIN_SHIFT bits)
const BASE = 0x01000193;
const BASE_TO_SHINGLE = Array.from({ length: SHINGLE_SIZE - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);
/** Empty bins borrow from another bin; after this many probes they scan (never reached in practice). */
const MAX_PROBES = 64;

/**
 * A 128-value signature made with one hash per shingle instead of 128
 * (one-permutation hashing, Li, Owen & Zhang 2012): each shingle's hash picks
 * a bin with its top bits and competes with its other bits for that bin's
 * minimum. Bins no shingle fell into borrow the value of a bin chosen by a
 * seeded probe sequence that depends only on the empty bin's position
 * (optimal densification, Shrivastava 2017), so two texts agree in a bin with
 * probability equal to their shingles' Jaccard similarity, as with MinHash.
 * Shingles are hashed with a rolling polynomial hash, one step per character.
 * Far less work than minHashSignature's 128 values per shingle: the export's
 * near-duplicate removal signs every record. Its values are not comparable
 * with minHashSignature's (a filter uses one kind only).
 */
export function oneHashSignature(text: string, seed = DEFAULT_MINHASH_SEED): Uint32Array {
  const n = normaliseIntoBuffer(text);
  const s = buffer;
  const mins = new Int32Array(SIGNATURE_SIZE).fill(EMPTY);
  const width = Math.min(n, SHINGLE_SIZE);
  let h = 0;
  for (let k = 0; k < width; k++) h = (Math.imul(h, BASE) + s[k]!) | 0;
  for (let end = width; ; end++) {
    const v = mix32(h ^ seed);
    const bin = v >>> BIN_SHIFT;
    const value = v & VALUE_MASK;
    if (value < mins[bin]!) mins[bin] = value;
    if (end >= n) break;
    // Slide by one character: drop the first, multiply, add the next.
    h = (Math.imul(h - Math.imul(s[end - SHINGLE_SIZE]!, BASE_TO_SHINGLE), BASE) + s[end]!) | 0;
  }
  const out = new Int32Array(SIGNATURE_SIZE);
  for (let bin = 0; bin < SIGNATURE_SIZE; bin++) out[bin] = mins[bin] !== EMPTY ? mins[bin]! : borrow(bin, mins, seed);
  return new Uint32Array(out.buffer);
}

let buffer = new Uint16Array(4096);
const NON_ASCII = /[^\x00-\x7f]/;
/** ASCII characters normaliseForShingles turns into spaces (its own pattern, asked once per character). */
const ASCII_SEPARATOR = new Uint8Array(128).map((_, c) => {
  const twice = String.fromCharCode(c, c);
  return Number(normaliseForShingles(`a${twice}a`) === "a a");
});

/**
 * Writes normaliseForShingles(text) into the shared buffer and returns its
 * length. ASCII text is normalised character by character without building
 * strings (the pattern and the copies cost more than the hashing); any other
 * text goes through normaliseForShingles itself.
 */
function normaliseIntoBuffer(text: string): number {
  if (buffer.length < text.length) buffer = new Uint16Array(text.length * 2);
  if (NON_ASCII.test(text)) {
    const s = normaliseForShingles(text);
    if (buffer.length < s.length) buffer = new Uint16Array(s.length * 2);
    for (let i = 0; i < s.length; i++) buffer[i] = s.charCodeAt(i);
    return s.length;
  }
  let length = 0;
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (ASCII_SEPARATOR[c] === 1) {
      gap = length > 0;
      continue;
    }
    if (gap) buffer[length++] = 0x20;
    gap = false;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    buffer[length++] = c;
  }
  return length;
}

/** The value of the first filled bin on the empty bin's own probe sequence (the same for every text). */
function borrow(bin: number, mins: Int32Array, seed: number): number {
  for (let probe = 1; probe <= MAX_PROBES; probe++) {
    const from = mix32(seed ^ Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(probe, 0x85ebca6b)) >>> BIN_SHIFT;
    if (mins[from] !== EMPTY) return mins[from]!;
  }
  for (let offset = 1; offset < SIGNATURE_SIZE; offset++) {
    const from = (bin + offset) % SIGNATURE_SIZE;
    if (mins[from] !== EMPTY) return mins[from]!;
  }
  return EMPTY; // unreachable: every text has at least one shingle
}
