import { describe, expect, it } from "vitest";
import { parseSeedFile } from "./parse-seed-file";

const parse = (text: string, fileName?: string) => parseSeedFile(new TextEncoder().encode(text), { fileName });

describe("CSV", () => {
  it("handles quoted commas, doubled quotes, embedded newlines and unicode", () => {
    const text = [
      "instruction,input,output,source",
      '"Translate, please","Grüße aus Köln 🌧","Greetings from Cologne",manual',
      '"Say ""hi"" twice","",hi hi,manual',
      '"Write a poem',
      "about the sea",
      '","","",中文',
      "Plain row,x,y,z",
    ].join("\n");
    const r = parse(text, "seeds.csv");
    expect(r.format).toBe("csv");
    expect(r.schema).toBe("alpaca");
    expect(r.mapping).toEqual({ instruction: "instruction", input: "input", output: "output", metadata: ["source"] });
    expect(r.errors).toEqual([]);
    expect(r.seeds.map((s) => [s.line, s.instruction, s.input, s.output, s.metadata.source])).toEqual([
      [2, "Translate, please", "Grüße aus Köln 🌧", "Greetings from Cologne", "manual"],
      [3, 'Say "hi" twice', "", "hi hi", "manual"],
      [4, "Write a poem\nabout the sea", "", null, "中文"],
      [7, "Plain row", "x", "y", "z"],
    ]);
  });

  it("gives physical line numbers with CRLF, blank lines and multi-line fields", () => {
    const text = 'prompt,answer\r\n"multi\r\nline",a\r\n\r\n , \r\n"bad "quote" here",b\r\none,two,three\r\nlast,c\r\n';
    const r = parse(text, "x.csv");
    expect(r.schema).toBe("generic");
    expect(r.rowsRead).toBe(4);
    expect(r.seeds.map((s) => [s.line, s.instruction, s.output])).toEqual([
      [2, "multi\r\nline", "a"],
      [8, "last", "c"],
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([6, 7]);
    expect(r.errors[0]?.message).toMatch(/^Line 6: CSV syntax error \(/);
    expect(r.errors[1]?.message).toBe("Line 7: expected 2 fields (prompt, answer), found 3");
  });

  it("reports an unterminated quote at the line where its record starts", () => {
    const r = parse('instruction\nfine\n"never closed\nmore\n', "x.csv");
    expect(r.seeds.map((s) => s.instruction)).toEqual(["fine"]);
    expect(r.errors).toEqual([{ line: 3, message: "Line 3: CSV syntax error (Quoted field unterminated)" }]);
  });

  it("is detected without a file name and reads a BOM-prefixed header", () => {
    const r = parseSeedFile(
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Question,Context\nWhy?,Because\n")]),
    );
    expect(r.format).toBe("csv");
    expect(r.mapping).toMatchObject({ instruction: "Question", input: "Context" });
    expect(r.seeds[0]).toMatchObject({ line: 2, instruction: "Why?", input: "Because" });
  });

  it("reads TSV by extension", () => {
    const r = parse("instruction\tinput\nSplit, not on commas\tx, y\n", "x.tsv");
    expect(r.seeds[0]).toMatchObject({ instruction: "Split, not on commas", input: "x, y" });
  });

  it("renames empty and repeated header cells so no column is lost", () => {
    const r = parse("instruction,tag,tag,\nDo it,a,b,c\n", "x.csv");
    expect(r.seeds[0]?.metadata).toEqual({ tag: "a", tag_2: "b", column_4: "c" });
  });
});
