import { describe, expect, it } from "vitest";
import { parseSeedFile } from "./parse-seed-file";

const parse = (lines: unknown[], maxFieldChars?: number) =>
  parseSeedFile(new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join("\n")), {
    fileName: "s.jsonl",
    maxFieldChars,
  });

describe("the per-field length limit (SEED_MAX_FIELD_CHARS)", () => {
  it("defaults to 100,000 characters: exactly the limit passes, one more is a line error", () => {
    const r = parse([
      { instruction: "a".repeat(100_000) },
      { instruction: "b".repeat(100_001) },
      { instruction: "fine" },
    ]);
    expect(r.seeds.map((s) => s.line)).toEqual([1, 3]);
    expect(r.errors).toEqual([
      {
        line: 2,
        message: "Line 2: the instruction is 100,001 characters; the limit is 100,000 (SEED_MAX_FIELD_CHARS)",
      },
    ]);
  });

  it("holds instruction, input, output and metadata text each to the limit given", () => {
    const r = parse(
      [
        { instruction: "12345", input: "12345", output: "12345", note: "12345" },
        { instruction: "123456" },
        { instruction: "ok 2", input: "123456" },
        { instruction: "ok 3", output: "1234567" },
        { instruction: "ok 4", note: "123456" },
      ],
      5,
    );
    expect(r.seeds.map((s) => s.line)).toEqual([1]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "Line 2: the instruction is 6 characters; the limit is 5 (SEED_MAX_FIELD_CHARS)",
      "Line 3: the input is 6 characters; the limit is 5 (SEED_MAX_FIELD_CHARS)",
      "Line 4: the output is 7 characters; the limit is 5 (SEED_MAX_FIELD_CHARS)",
      'Line 5: the metadata field "note" is 6 characters; the limit is 5 (SEED_MAX_FIELD_CHARS)',
    ]);
  });

  it("measures the text as stored, after trimming", () => {
    const r = parse([{ instruction: "   12345   " }], 5);
    expect(r.errors).toEqual([]);
    expect(r.seeds[0]!.instruction).toBe("12345");
  });
});
