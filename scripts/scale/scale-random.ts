import { createRandom } from "@/lib/evolution/random";

/** A seeded stream with the few draws the scale generator needs. */
export interface Rng {
  next: () => number;
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  weighted: <T>(items: readonly (readonly [T, number])[]) => T;
}

export function createRng(seed: string): Rng {
  const next = createRandom(seed);
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let u = next() * total;
      for (const [item, w] of items) {
        u -= w;
        if (u < 0) return item;
      }
      return items[items.length - 1][0];
    },
  };
  return rng;
}

const hex = (value: number, width: number) => value.toString(16).padStart(width, "0");
const bits32 = (next: () => number) => Math.floor(next() * 0x1_0000_0000);

/**
 * A UUIDv7 (RFC 9562) for a given millisecond with seeded random bits, so a
 * generated forest is reproducible and its ids sort like its creation times.
 */
export function uuid7At(ms: number, next: () => number): string {
  const time = hex(Math.floor(ms), 12);
  const a = bits32(next);
  const b = bits32(next);
  const c = bits32(next);
  const randA = a & 0xfff;
  const variant = 0x8000 | ((a >>> 12) & 0x3fff);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(randA, 3)}-${hex(variant, 4)}-${hex(b >>> 16, 4)}${hex(c, 8)}`;
}
