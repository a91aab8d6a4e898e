import { describe, expect, it } from "vitest";
import { drawSample } from "./draw-sample";
import { createRandom } from "./random";

describe("drawSample", () => {
  const items = Array.from({ length: 10 }, (_, i) => i);

  it("draws distinct items of the list, as many as asked", () => {
    const sample = drawSample(items, 4, createRandom("a"));
    expect(sample).toHaveLength(4);
    expect(new Set(sample).size).toBe(4);
    expect(sample.every((x) => items.includes(x))).toBe(true);
  });

  it("gives every item when asked for as many or more, and none for zero", () => {
    expect(drawSample(items, 25, createRandom("b")).sort((x, y) => x - y)).toEqual(items);
    expect(drawSample(items, 0, createRandom("b"))).toEqual([]);
  });

  it("is the same for the same seed and leaves the list alone", () => {
    const copy = [...items];
    expect(drawSample(items, 5, createRandom("c"))).toEqual(drawSample(items, 5, createRandom("c")));
    expect(items).toEqual(copy);
  });

  it("picks each item about equally often", () => {
    const random = createRandom("d");
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) for (const x of drawSample(items, 3, random)) counts[x]++;
    // Expected 6,000 each; a fair draw stays within a few hundred.
    for (const c of counts) expect(Math.abs(c - 6000)).toBeLessThan(400);
  });
});
