import { describe, expect, it } from "vitest";
import { countChars, fieldLengthProblem } from "./field-length";

describe("countChars", () => {
  it("counts code points, so an emoji or a lone surrogate is one character", () => {
    expect(countChars("")).toBe(0);
    expect(countChars("abc")).toBe(3);
    expect(countChars("a🚀b")).toBe(3);
    expect(countChars("🚀🚀")).toBe(2);
    expect(countChars("\ud800x")).toBe(2);
    expect(countChars("x\ud800")).toBe(2);
  });
});

describe("fieldLengthProblem", () => {
  it("accepts text of exactly the limit and refuses one character more, naming the setting", () => {
    expect(fieldLengthProblem("instruction", "a".repeat(100_000), 100_000)).toBeNull();
    expect(fieldLengthProblem("instruction", "a".repeat(100_001), 100_000)).toBe(
      "the instruction is 100,001 characters; the limit is 100,000 (SEED_MAX_FIELD_CHARS)",
    );
  });

  it("counts an emoji once even though it is two UTF-16 units", () => {
    expect(fieldLengthProblem("output", "🚀".repeat(5), 5)).toBeNull();
    expect(fieldLengthProblem("output", "🚀".repeat(6), 5)).toMatch(/^the output is 6 characters; the limit is 5 /);
  });
});
