import { describe, expect, it } from "vitest";
import { createRandom } from "./random";

const take = (seed: string, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, random);
};

describe("createRandom", () => {
  it("repeats the sequence for the same seed", () => {
    expect(take("run-1:node-7:2", 50)).toEqual(take("run-1:node-7:2", 50));
  });

  it("gives different sequences for nearby seeds", () => {
    expect(take("seed-1", 5)).not.toEqual(take("seed-2", 5));
    expect(take("", 5)).not.toEqual(take(" ", 5));
  });

  it("stays in [0, 1) and looks uniform", () => {
    const values = take("uniformity", 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it("first draws of many seeds are spread out, not clustered", () => {
    const firsts = Array.from({ length: 2000 }, (_, i) => createRandom(`job-${i}`)());
    const low = firsts.filter((v) => v < 0.5).length;
    expect(Math.abs(low - 1000)).toBeLessThan(100);
  });
});
