import { describe, expect, it } from "vitest";
import { estimateJaccard, minHashSignature, shingleJaccard } from "@/lib/text/minhash";
import { bandsFor, NearDuplicateFilter, nearDuplicateText } from "./near-duplicates";

const LONG =
  "Write a detailed step by step guide explaining how a small bakery can reduce its daily flour waste " +
  "by tracking inventory in a spreadsheet, forecasting demand from last month's sales, and adjusting batch sizes every morning.";
const ONE_WORD_CHANGED = LONG.replace("small bakery", "small cafe");
const UNRELATED =
  "Prove that the square root of two is irrational, using a proof by contradiction in at most five sentences.";

describe("bandsFor", () => {
  it("picks 18 bands of 7 rows at 0.8: P(caught at J=0.8) = 1-(1-0.8^7)^18 ≈ 0.986, while 16×8 gives only 0.947", () => {
    expect(bandsFor(0.8)).toEqual({ bands: 18, rows: 7 });
  });
});

describe("minHashSignature", () => {
  it("is deterministic for a seed and changes with the seed", () => {
    expect(minHashSignature(LONG)).toEqual(minHashSignature(LONG));
    expect(minHashSignature(LONG, 1)).not.toEqual(minHashSignature(LONG, 2));
  });

  it("estimates the shingle Jaccard similarity within a few hundredths", () => {
    const exact = shingleJaccard(LONG, ONE_WORD_CHANGED);
    // "small bakery" → "small cafe": 10 of the ~200 shingles change, so J ≈ 0.9.
    expect(exact).toBeGreaterThan(0.85);
    expect(exact).toBeLessThan(0.95);
    expect(Math.abs(estimateJaccard(minHashSignature(LONG), minHashSignature(ONE_WORD_CHANGED)) - exact)).toBeLessThan(
      0.12,
    );
    expect(shingleJaccard(LONG, UNRELATED)).toBeLessThan(0.1);
  });

  it("ignores case, punctuation and spacing", () => {
    expect(minHashSignature("Hello,   WORLD!")).toEqual(minHashSignature("hello world"));
  });
});

describe("NearDuplicateFilter", () => {
  it("flags a one-word edit of a long sentence at the default 0.8, but not an unrelated text", () => {
    const filter = new NearDuplicateFilter();
    expect(filter.threshold).toBe(0.8);
    expect(filter.isDuplicate(LONG)).toBe(false);
    expect(filter.isDuplicate(ONE_WORD_CHANGED)).toBe(true);
    expect(filter.isDuplicate(UNRELATED)).toBe(false);
    expect(filter.size).toBe(2); // duplicates are not remembered
  });

  it("always counts exact duplicates, even at threshold 1 and for texts shorter than a shingle", () => {
    const filter = new NearDuplicateFilter({ threshold: 1 });
    expect(filter.isDuplicate("Hi")).toBe(false);
    expect(filter.isDuplicate("Hi")).toBe(true);
    expect(filter.isDuplicate(LONG)).toBe(false);
    expect(filter.isDuplicate(LONG)).toBe(true);
    expect(filter.isDuplicate(ONE_WORD_CHANGED)).toBe(false);
  });

  it("lets a stricter threshold keep the one-word edit", () => {
    const filter = new NearDuplicateFilter({ threshold: 0.97 });
    filter.isDuplicate(LONG);
    expect(filter.isDuplicate(ONE_WORD_CHANGED)).toBe(false);
  });

  it("makes the same decisions on every run", () => {
    const base = (k: number): string =>
      `Task ${k}: summarise chapter ${(k * 7) % 13} of the report on topic ${k % 37}.`;
    const texts = Array.from({ length: 3000 }, (_, i) => base(i % 1000));
    const decide = (): boolean[] => {
      const f = new NearDuplicateFilter({ expectedRecords: 3000 });
      return texts.map((t) => f.isDuplicate(t));
    };
    const first = decide();
    expect(decide()).toEqual(first);
    // Every text from index 1000 on repeats an earlier one exactly.
    expect(first.slice(1000).every(Boolean)).toBe(true);
  });

  it("rejects a threshold outside (0, 1]", () => {
    expect(() => new NearDuplicateFilter({ threshold: 0 })).toThrow(RangeError);
    expect(() => new NearDuplicateFilter({ threshold: 1.5 })).toThrow(RangeError);
  });

  it("compares instruction and input", () => {
    expect(nearDuplicateText({ instruction: "Sort", input: "" })).toBe("Sort");
    expect(nearDuplicateText({ instruction: "Sort", input: "3 1 2" })).toBe("Sort\n3 1 2");
  });
});
