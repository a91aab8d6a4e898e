import { describe, expect, it } from "vitest";
import { parseSeedFile, SeedFileError } from "./parse-seed-file";

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (text: string, fileName?: string) => parseSeedFile(enc(text), { fileName });

function fileError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof SeedFileError) return e.message;
    throw e;
  }
  throw new Error("expected a SeedFileError");
}

describe("per-record errors in JSONL", () => {
  it("reports two malformed lines with exact line numbers and keeps the rest", () => {
    const text = [
      '{"instruction": "one"}',
      '{"instruction": "two",}',
      "",
      '{"instruction": "four"}',
      "{instruction: five}",
      '{"instruction": "six"}',
    ].join("\n");
    const r = parse(text, "s.jsonl");
    expect(r.rowsRead).toBe(5);
    expect(r.seeds.map((s) => s.line)).toEqual([1, 4, 6]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 5]);
    expect(r.errors[0]?.message).toMatch(/^Line 2: invalid JSON \(.+\)$/);
    expect(r.errors[1]?.message).toMatch(/^Line 5: invalid JSON \(.+\)$/);
  });

  it("reports missing, blank and mistyped instructions and non-object records", () => {
    const text = [
      '{"instruction": "fine"}',
      '{"input": "no instruction"}',
      '{"instruction": "   "}',
      '{"instruction": 42}',
      '["not", "an", "object"]',
      '{"instruction": "ok", "input": {"nested": true}}',
    ].join("\n");
    const r = parse(text);
    expect(r.seeds).toHaveLength(1);
    expect(r.errors).toEqual([
      { line: 2, message: 'Line 2: missing instruction (expected field "instruction")' },
      { line: 3, message: 'Line 3: empty instruction (field "instruction" is blank)' },
      { line: 4, message: 'Line 4: field "instruction" must be a string, got number' },
      { line: 5, message: "Line 5: expected a JSON object, got array" },
      { line: 6, message: 'Line 6: field "input" must be a string, got object' },
    ]);
  });
});

describe("duplicates", () => {
  it("skips exact duplicates after whitespace normalisation and names both lines", () => {
    const text = [
      '{"instruction": "Write a poem", "input": "about rain"}',
      '{"instruction": "Write a story", "input": ""}',
      '{"instruction": "  Write   a\\tpoem ", "input": "about\\nrain", "output": "different"}',
      '{"instruction": "write a poem", "input": "about rain"}',
      '{"instruction": "Write a story"}',
    ].join("\n");
    const r = parse(text);
    expect(r.duplicates).toEqual([
      { line: 3, firstLine: 1 },
      { line: 5, firstLine: 2 },
    ]);
    expect(r.seeds.map((s) => s.line)).toEqual([1, 2, 4]);
    expect(r.rowsRead).toBe(5);
  });

  it("keeps original inner whitespace in the stored seed", () => {
    const r = parse('{"instruction": "  Keep   these\\n\\nspaces  "}');
    expect(r.seeds[0]?.instruction).toBe("Keep   these\n\nspaces");
  });
});

describe("line endings and BOM", () => {
  it("counts CRLF lines like LF lines and strips the CR", () => {
    const r = parse('{"instruction": "a"}\r\n\r\n{"instruction": "b"}\r\nnot json\r\n{"instruction": "c"}\r\n');
    expect(r.seeds.map((s) => [s.line, s.instruction])).toEqual([
      [1, "a"],
      [3, "b"],
      [5, "c"],
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([4]);
  });

  it("does not leave a CR on plain-text instructions", () => {
    const r = parse("first\r\nsecond\r\n", "x.txt");
    expect(r.seeds.map((s) => s.instruction)).toEqual(["first", "second"]);
  });

  it("strips a UTF-8 BOM before sniffing and parsing", () => {
    const body = enc('{"instruction": "with bom"}\n');
    const r = parseSeedFile(new Uint8Array([0xef, 0xbb, 0xbf, ...body]));
    expect(r.format).toBe("jsonl");
    expect(r.seeds[0]).toMatchObject({ line: 1, instruction: "with bom" });
  });
});

describe("JSON arrays", () => {
  it("reports a bad element at the line where it starts", () => {
    const text = '[\n  {"instruction": "a"},\n  "just a string",\n  {\n    "input": "x"\n  }\n]';
    const r = parse(text, "a.json");
    expect(r.seeds.map((s) => s.line)).toEqual([2]);
    expect(r.errors).toEqual([
      { line: 3, message: "Line 3: expected a JSON object, got string" },
      { line: 4, message: 'Line 4: missing instruction (expected field "instruction")' },
    ]);
  });

  it("fails as a whole with the line of a syntax error", () => {
    expect(fileError(() => parse('[\n {"instruction": "a"},\n {"instruction": "b",\n  "x": 1,}\n]', "a.json"))).toMatch(
      /^Invalid JSON at line 4: /,
    );
    expect(fileError(() => parse('[\n {"instruction": "a"}\n {"instruction": "b"}\n]'))).toMatch(
      /line 3: expected ","/,
    );
    expect(fileError(() => parse('[\n {"instruction": "a"},\n {"instruction": tru}\n]'))).toMatch(/line 3/);
  });

  it("treats a .json file of JSON Lines as JSONL", () => {
    const r = parse('{"instruction": "a"}\n{"instruction": "b"}\n', "data.json");
    expect(r.format).toBe("jsonl");
    expect(r.seeds).toHaveLength(2);
  });
});

describe("whole-file errors", () => {
  it("rejects invalid UTF-8 naming the line", () => {
    const bytes = new Uint8Array([...enc('{"instruction": "a"}\n{"instruction": "caf'), 0xe9, ...enc('"}\n')]);
    expect(fileError(() => parseSeedFile(bytes))).toMatch(/not valid UTF-8.*line 2, byte offset 41/);
  });

  it("rejects a file over maxBytes", () => {
    expect(fileError(() => parseSeedFile(enc("x".repeat(2048)), { maxBytes: 1024 }))).toMatch(
      /too large.*2\.0 KiB.*limit is 1\.0 KiB/,
    );
  });

  it("rejects empty and whitespace-only files", () => {
    expect(fileError(() => parse(""))).toBe("File is empty.");
    expect(fileError(() => parse(" \n\t\r\n"))).toBe("File is empty.");
    expect(fileError(() => parseSeedFile(new Uint8Array([0xef, 0xbb, 0xbf])))).toBe("File is empty.");
  });

  it("rejects records without any instruction-like field, listing what it found", () => {
    const message = fileError(() => parse('{"title": "x", "body": "y"}\n{"title": "z", "tags": "t"}\n'));
    expect(message).toMatch(/no instruction-like field/);
    expect(message).toContain('Fields found: "title", "body", "tags"');
    expect(message).toContain("Alpaca");
    expect(message).toContain("ShareGPT");
  });

  it("rejects a file with nothing usable", () => {
    expect(fileError(() => parse("not json\nstill not\n", "x.jsonl"))).toMatch(
      /No valid record objects.*line 1.*invalid JSON/,
    );
    expect(fileError(() => parse("instruction,input\n", "x.csv"))).toMatch(/no records/);
    expect(fileError(() => parse("[]", "x.json"))).toMatch(/no records/);
  });

  it("rejects an unsupported extension before decoding", () => {
    expect(
      fileError(() => parseSeedFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff]), { fileName: "a.xlsx" })),
    ).toMatch(/Unsupported file type/);
  });

  it("lets a forced format override the file name", () => {
    const r = parseSeedFile(enc('{"instruction": "a"}'), { fileName: "x.txt", format: "jsonl" });
    expect(r.format).toBe("jsonl");
    expect(r.seeds[0]?.instruction).toBe("a");
  });
});

describe("NUL characters", () => {
  it("reports a record whose text or metadata holds a NUL as a line error, and keeps a literal backslash-u0000", () => {
    const lines = [
      JSON.stringify({ instruction: "fine" }),
      JSON.stringify({ instruction: "a\u0000b" }),
      JSON.stringify({ instruction: "ok", note: "x\u0000" }),
      JSON.stringify({ instruction: "Explain the escape \\u0000 in JSON" }),
    ].join("\n");
    const result = parseSeedFile(new TextEncoder().encode(lines), { fileName: "nul.jsonl" });
    expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(result.errors[0].message).toMatch(/NUL/);
    expect(result.seeds.map((s) => s.instruction)).toEqual(["fine", "Explain the escape \\u0000 in JSON"]);
  });
});
