import { describe, expect, it } from "vitest";
import { intervalsDiffer, median, wilsonInterval } from "./compare-stats";

describe("wilsonInterval", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I (method 3).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i: %f to %f", (k, n, low, high) => {
    const interval = wilsonInterval(k, n)!;
    expect(interval.rate).toBeCloseTo(k / n, 10);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("stays inside [0, 1] at all or nothing and narrows as trials grow", () => {
    expect(wilsonInterval(10, 10)).toMatchObject({ rate: 1, high: 1 });
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(0, 10)).toMatchObject({ rate: 0, low: 0 });
    const small = wilsonInterval(5, 10)!;
    const large = wilsonInterval(500, 1000)!;
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(large.low).toBeCloseTo(0.4691, 4);
    expect(large.high).toBeCloseTo(0.5309, 4);
  });

  it("has no interval without trials and refuses what is not a count", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe("intervalsDiffer", () => {
  it("marks a difference only when the intervals do not overlap", () => {
    expect(intervalsDiffer(wilsonInterval(90, 100), wilsonInterval(50, 100))).toBe(true);
    expect(intervalsDiffer(wilsonInterval(50, 100), wilsonInterval(90, 100))).toBe(true);
    // 9/10 against 5/10: a large gap in rates, but ten trials each cannot tell.
    expect(intervalsDiffer(wilsonInterval(9, 10), wilsonInterval(5, 10))).toBe(false);
    expect(intervalsDiffer(wilsonInterval(5, 10), null)).toBe(false);
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-2])).toBe(-2);
    expect(median([])).toBeNull();
  });
});
