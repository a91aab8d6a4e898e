import { describe, expect, it } from "vitest";
import { boundedWordDiff, countWords, DIFF_MAX_WORDS, wordDiff, wordDiffStats } from "./word-diff";

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

describe("boundedWordDiff", () => {
  it("diffs texts within the bounds like wordDiff", () => {
    expect(boundedWordDiff("The cat sat.", "The dog sat.")).toEqual({
      kind: "diff",
      segments: wordDiff("The cat sat.", "The dog sat."),
    });
  });

  it("does not diff a text over the word limit and says how many words it has", () => {
    const long = Array.from({ length: 30 }, (_, i) => `w${i}`).join(" ");
    expect(boundedWordDiff("short", long, { maxWords: 20 })).toEqual({ kind: "too-long", words: 30, reason: "size" });
    expect(boundedWordDiff(long, "short", { maxWords: 20 })).toEqual({ kind: "too-long", words: 30, reason: "size" });
  });

  it("gives up when the texts need more edits than the work bound", () => {
    const a = Array.from({ length: 200 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 200 }, (_, i) => `b${i}`).join(" ");
    expect(boundedWordDiff(a, b, { maxEditLength: 50 })).toEqual({ kind: "too-long", words: 200, reason: "work" });
    expect(boundedWordDiff(a, b, { maxEditLength: 1_000 }).kind).toBe("diff");
  });

  it("keeps 10,000-word texts with a small change within both bounds", () => {
    const words = Array.from({ length: DIFF_MAX_WORDS }, (_, i) => `w${i % 97}`);
    const changed = [...words];
    changed[5_000] = "changed";
    const diff = boundedWordDiff(words.join(" "), changed.join(" "));
    expect(diff.kind).toBe("diff");
    if (diff.kind === "diff") expect(wordDiffStats(diff.segments)).toEqual({ added: 1, removed: 1 });
  });
});
