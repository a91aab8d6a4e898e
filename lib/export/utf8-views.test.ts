import { describe, expect, it } from "vitest";
import { utf8Views } from "./utf8-views";

const encoder = new TextEncoder();

describe("utf8Views", () => {
  it("gives each string's UTF-8 bytes, as TextEncoder writes them, and keeps nulls", () => {
    const values = ["Say hi 👋 in 日本語", "", null, "lone \ud800 surrogate", "ascii"];
    const views = utf8Views(values);
    expect(views.map((v) => (v === null ? null : Array.from(v)))).toEqual(
      values.map((v) => (v === null ? null : Array.from(encoder.encode(v)))),
    );
  });

  it("puts every value in one buffer, back to back", () => {
    const views = utf8Views(["ab", null, "ü", "xyz"]).filter((v) => v !== null);
    expect(new Set(views.map((v) => v.buffer)).size).toBe(1);
    expect(views[0]!.buffer.byteLength).toBe(2 + 2 + 3);
    expect(views.map((v) => v.byteOffset)).toEqual([0, 2, 4]);
  });
});
