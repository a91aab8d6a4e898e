import { describe, expect, it } from "vitest";
import { countWords, wordDiff, wordDiffStats } from "./word-diff";

function rebuild(segments: ReturnType<typeof wordDiff>, side: "before" | "after"): string {
  const skip = side === "before" ? "added" : "removed";
  return segments
    .filter((s) => s.kind !== skip)
    .map((s) => s.text)
    .join("");
}

describe("wordDiff", () => {
  it("an added clause", () => {
    expect(wordDiff("The cat sat.", "The cat sat on the mat.")).toEqual([
      { kind: "same", text: "The cat sat" },
      { kind: "added", text: " on the mat" },
      { kind: "same", text: "." },
    ]);
  });

  it("a removed word", () => {
    expect(wordDiff("The big cat sat.", "The cat sat.")).toEqual([
      { kind: "same", text: "The " },
      { kind: "removed", text: "big " },
      { kind: "same", text: "cat sat." },
    ]);
  });

  it("a changed word: removed before added", () => {
    expect(wordDiff("The cat sat.", "The dog sat.")).toEqual([
      { kind: "same", text: "The " },
      { kind: "removed", text: "cat" },
      { kind: "added", text: "dog" },
      { kind: "same", text: " sat." },
    ]);
  });

  it("identical text is one same segment", () => {
    expect(wordDiff("same text\nhere", "same text\nhere")).toEqual([{ kind: "same", text: "same text\nhere" }]);
  });

  it("empty before: everything added; both empty: nothing", () => {
    expect(wordDiff("", "hello world")).toEqual([{ kind: "added", text: "hello world" }]);
    expect(wordDiff("hello", "")).toEqual([{ kind: "removed", text: "hello" }]);
    expect(wordDiff("", "")).toEqual([]);
  });

  it("keeps whitespace exactly, so each side can be rebuilt", () => {
    const before = "a  b\nc\tend";
    const after = "a b\nc d\tend\n";
    const segments = wordDiff(before, after);
    expect(rebuild(segments, "before")).toBe(before);
    expect(rebuild(segments, "after")).toBe(after);
    expect(segments.every((s) => s.text.length > 0)).toBe(true);
  });
});

describe("wordDiffStats", () => {
  it("counts words added and removed", () => {
    expect(wordDiffStats(wordDiff("The cat sat.", "The cat sat on the mat."))).toEqual({ added: 3, removed: 0 });
    expect(wordDiffStats(wordDiff("The big cat sat.", "The small grey cat sat."))).toEqual({ added: 2, removed: 1 });
    expect(wordDiffStats(wordDiff("same", "same"))).toEqual({ added: 0, removed: 0 });
  });

  it("countWords ignores whitespace", () => {
    expect(countWords("  ")).toBe(0);
    expect(countWords(" on the\nmat ")).toBe(3);
  });
});
