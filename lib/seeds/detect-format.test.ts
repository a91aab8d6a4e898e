import { describe, expect, it } from "vitest";
import { formatFromFileName, sniffFormat } from "./detect-format";
import { SeedFileError } from "./seed-file-error";

describe("formatFromFileName", () => {
  it.each([
    ["seeds.jsonl", "jsonl"],
    ["seeds.NDJSON", "jsonl"],
    ["alpaca_data.json", "json"],
    ["my.seeds.csv", "csv"],
    ["notes.txt", "text"],
  ])("%s → %s", (name, format) => {
    expect(formatFromFileName(name)?.format).toBe(format);
  });

  it("uses a tab delimiter for .tsv", () => {
    expect(formatFromFileName("x.tsv")).toEqual({ format: "csv", delimiter: "\t" });
  });

  it("returns null when the name gives no hint", () => {
    expect(formatFromFileName("seeds")).toBeNull();
    expect(formatFromFileName("seeds.dat")).toBeNull();
    expect(formatFromFileName(undefined)).toBeNull();
  });

  it("rejects known binary formats by name", () => {
    expect(() => formatFromFileName("train.parquet")).toThrow(SeedFileError);
    expect(() => formatFromFileName("train.xlsx")).toThrow(/Unsupported file type "\.xlsx"/);
  });
});

describe("sniffFormat", () => {
  it("[ means a JSON array, even after whitespace", () => {
    expect(sniffFormat('\n  [{"instruction": "a"}]').format).toBe("json");
  });

  it("{ means JSON Lines", () => {
    expect(sniffFormat('{"instruction": "a"}\n{"instruction": "b"}').format).toBe("jsonl");
  });

  it("a comma header with an instruction-like column means CSV", () => {
    expect(sniffFormat("id,Prompt,answer\n1,hi,there").format).toBe("csv");
    expect(sniffFormat('"instruction","input"\n"a","b"').format).toBe("csv");
  });

  it("a tab header with an instruction-like column means TSV", () => {
    expect(sniffFormat("question\tanswer\nwhy?\tbecause")).toEqual({ format: "csv", delimiter: "\t" });
  });

  it("prose with commas is plain text", () => {
    expect(sniffFormat("Write a poem about rain, wind and sun.\nExplain gravity.").format).toBe("text");
  });

  it("a header-like line without a comma is plain text", () => {
    expect(sniffFormat("instruction\nWrite a poem").format).toBe("text");
  });
});
