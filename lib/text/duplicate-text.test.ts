import { describe, expect, it } from "vitest";
import { duplicateHashOf, normalizeForDuplicates, sameAfterNormalization } from "./duplicate-text";

describe("normalizeForDuplicates", () => {
  it("folds case, collapses whitespace of any kind and trims", () => {
    expect(normalizeForDuplicates("  Write\ta   POEM\r\n about\u00a0owls. ")).toBe("write a poem about owls.");
    expect(normalizeForDuplicates("a\u2003\u3000\u0085\u2028b")).toBe("a b");
  });

  it("folds Unicode compatibility forms (NFKC): full-width letters, ligatures, composed accents", () => {
    expect(normalizeForDuplicates("ＡＢＣ ﬁle")).toBe("abc file");
    expect(normalizeForDuplicates("Cafe\u0301")).toBe(normalizeForDuplicates("Café"));
  });

  it("keeps punctuation and words: a changed word is a different text", () => {
    expect(sameAfterNormalization("Write a poem.", "write a poem")).toBe(false);
    expect(sameAfterNormalization("Write a poem.", "Write a song.")).toBe(false);
    expect(sameAfterNormalization("Write  a POEM.", "write a poem.")).toBe(true);
  });
});

describe("duplicateHashOf", () => {
  it("is equal for texts equal after normalisation, and keeps instruction and input apart", () => {
    expect(duplicateHashOf("Sort  THIS", "3 1 2")).toBe(duplicateHashOf("sort this", " 3 1 2 "));
    expect(duplicateHashOf("ab", "c")).not.toBe(duplicateHashOf("a", "bc"));
    expect(duplicateHashOf("a", "")).toMatch(/^[0-9a-f]{64}$/);
  });
});
