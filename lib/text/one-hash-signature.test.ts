import { describe, expect, it } from "vitest";
import { estimateJaccard, minHashSignature, normaliseForShingles, shingleJaccard } from "./minhash";
import { oneHashSignature } from "./one-hash-signature";

const BASE =
  "Write a detailed step by step guide explaining how a small bakery can reduce its daily flour waste by tracking " +
  "inventory in a spreadsheet, forecasting demand from last month's sales, and adjusting batch sizes every morning.";
const WORDS = BASE.split(" ");

/** BASE with `edits` words replaced, deterministically: similarities from near 1 down to near 0. */
function edited(edits: number, salt: number): string {
  const words = [...WORDS];
  for (let e = 0; e < edits; e++) words[(e * 7 + salt * 3) % words.length] = `w${salt}x${e}`;
  return words.join(" ");
}

describe("oneHashSignature", () => {
  it("is deterministic for a seed, changes with the seed, and ignores case, punctuation and spacing", () => {
    expect(oneHashSignature(BASE)).toEqual(oneHashSignature(BASE));
    expect(oneHashSignature(BASE, 1)).not.toEqual(oneHashSignature(BASE, 2));
    expect(oneHashSignature("Hello,   WORLD!")).toEqual(oneHashSignature("hello world"));
  });

  it("signs a text as it signs its normalised form, for every ASCII character and for Unicode text", () => {
    for (let c = 0; c < 128; c++) {
      const text = `  Ab${String.fromCharCode(c)}cd ${String.fromCharCode(c)}${String.fromCharCode(c)}EF-gh?! `;
      expect(oneHashSignature(text)).toEqual(oneHashSignature(normaliseForShingles(text)));
    }
    expect(oneHashSignature("Ｃａｆé — “Quoted”")).toEqual(oneHashSignature("café quoted"));
  });

  it("fills every bin, even for a text shorter than one shingle", () => {
    for (const text of ["", "Hi", "Name a colour.", BASE]) {
      expect(oneHashSignature(text).every((v) => v !== 0x7fffffff)).toBe(true);
    }
    // One shingle: every bin borrows the one value there is.
    expect(new Set(oneHashSignature("Hi")).size).toBe(1);
  });

  it("estimates the shingle Jaccard similarity as well as 128-permutation MinHash does", () => {
    let oneError = 0;
    let minError = 0;
    let pairs = 0;
    for (let edits = 0; edits <= 30; edits += 2) {
      for (let salt = 1; salt <= 4; salt++) {
        const other = edited(edits, salt);
        const exact = shingleJaccard(BASE, other);
        const one = estimateJaccard(oneHashSignature(BASE), oneHashSignature(other));
        const min = estimateJaccard(minHashSignature(BASE), minHashSignature(other));
        expect(Math.abs(one - exact)).toBeLessThan(0.15);
        oneError += Math.abs(one - exact);
        minError += Math.abs(min - exact);
        pairs++;
      }
    }
    // Both are unbiased with a standard error of at most 0.044 at 128 values; on average well inside that.
    expect(oneError / pairs).toBeLessThan(0.04);
    expect(oneError / pairs).toBeLessThan((minError / pairs) * 1.5);
  });

  it("gives equal texts equal signatures and unrelated texts almost no equal bins", () => {
    expect(estimateJaccard(oneHashSignature(BASE), oneHashSignature(`  ${BASE.toUpperCase()} `))).toBe(1);
    const unrelated = "Prove that the square root of two is irrational, using a proof by contradiction.";
    expect(estimateJaccard(oneHashSignature(BASE), oneHashSignature(unrelated))).toBeLessThan(0.08);
  });
});

describe("normaliseForShingles", () => {
  const unicodeWay = (t: string) =>
    t
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}]+/gu, " ")
      .trim();

  it("takes the ASCII fast path to exactly what the Unicode way gives, for every ASCII character", () => {
    for (let c = 0; c < 128; c++) {
      const text = `  A${String.fromCharCode(c)}b ${String.fromCharCode(c)}${String.fromCharCode(c)}C-d?! `;
      expect(normaliseForShingles(text)).toBe(unicodeWay(text));
    }
    expect(normaliseForShingles("Hello,\tWORLD!\n(step 2) [x] {y} a|b ~z^ `q` $5 100% a_b")).toBe(
      "hello world step 2 x y a b z q 5 100 a b",
    );
  });

  it("normalises non-ASCII text the Unicode way", () => {
    expect(normaliseForShingles("Ｃａｆé — “quoted” ½")).toBe(unicodeWay("Ｃａｆé — “quoted” ½"));
    expect(normaliseForShingles("Ｃａｆé — “quoted”")).toBe("café quoted");
  });
});
