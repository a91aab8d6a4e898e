import { describe, expect, it } from "vitest";
import { fileSizeProblem, pastedSize, pasteSizeProblem } from "./upload-size";

const MB = 1024 * 1024;

describe("upload size checks", () => {
  it("accepts a file of exactly the limit and names size and limit when it is over", () => {
    expect(fileSizeProblem({ name: "a.jsonl", size: 50 * MB }, 50 * MB)).toBeNull();
    expect(fileSizeProblem({ name: "a.jsonl", size: 50 * MB + 1 }, 50 * MB)).toBe(
      "a.jsonl is over 50 MB; the limit is 50 MB. Split the file.",
    );
    expect(fileSizeProblem({ name: "big.parquet", size: 51.5 * MB }, 50 * MB)).toBe(
      "big.parquet is 51.5 MB; the limit is 50 MB. Split the file.",
    );
  });

  it("measures pasted text in UTF-8 bytes", () => {
    expect(pastedSize("abc", 100)).toBe(3);
    expect(pastedSize("é".repeat(20), 50)).toBe(40);
    expect(pastedSize("🚀".repeat(10), 30)).toBe(40);
    expect(pasteSizeProblem("é".repeat(25), 50)).toBeNull();
    expect(pasteSizeProblem("é".repeat(26), 50)).not.toBeNull();
    expect(pasteSizeProblem("x".repeat(3 * MB), 2 * MB)).toBe(
      "The pasted text is at least 3 MB; the limit is 2 MB. Split it, or upload the parts as files.",
    );
  });
});
