import { describe, expect, it } from "vitest";
import { JsonScanError, scanArrayElements } from "./json-array-scanner";

function elements(text: string): string[] {
  return scanArrayElements(text).map(({ start, end }) => text.slice(start, end));
}

function scanErrorAt(text: string): { offset: number; message: string } {
  try {
    scanArrayElements(text);
  } catch (e) {
    if (e instanceof JsonScanError) return { offset: e.offset, message: e.message };
    throw e;
  }
  throw new Error("expected a scan error");
}

describe("scanArrayElements", () => {
  it("returns the exact text of each top-level element", () => {
    const text = ' [ {"a": [1, {"b": 2}]} ,\n"s", 12.5e3,true , null, [] ]\n';
    expect(elements(text)).toEqual(['{"a": [1, {"b": 2}]}', '"s"', "12.5e3", "true", "null", "[]"]);
  });

  it("is not fooled by brackets, quotes and backslashes inside strings", () => {
    const text = String.raw`[{"t": "a ] } [ \" \\"}, {"u": "\\\\"}, "x\\"]`;
    const parsed = elements(text).map((s) => JSON.parse(s) as unknown);
    expect(parsed).toEqual(JSON.parse(text));
  });

  it("handles an empty array", () => {
    expect(elements(" [ \n ] ")).toEqual([]);
  });

  it.each([
    ['[{"a":1} {"a":2}]', 9, /expected "," or "\]"/],
    ['[{"a":1},]', 9, /trailing comma/],
    ['[{"a":1}', 8, /not closed/],
    ['[{"a":1', 1, /not closed before the end/],
    ['[{"a":"1}]', 6, /unterminated string/],
    ["[1] 2", 4, /after the closing/],
    ['{"a": 1}', 0, /expected a JSON array/],
    ["[,1]", 1, /expected a value/],
  ])("reports %j at offset %i", (text, offset, message) => {
    const err = scanErrorAt(text);
    expect(err.offset).toBe(offset);
    expect(err.message).toMatch(message);
  });
});
