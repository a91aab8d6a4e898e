import { describe, expect, it } from "vitest";
import { parseSeedFile } from "./parse-seed-file";

// Guards against accidental O(n²) work (e.g. rescanning for line numbers or
// linear duplicate lookups); the real budget is "well under 2 s" for 52k rows.
describe("performance", () => {
  it("parses a 52,000-row Alpaca JSONL with duplicates and errors in under 2 s", () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(4);
    const lines: string[] = [];
    for (let i = 0; i < 52_000; i++) {
      if (i % 10_000 === 9_999) lines.push("{broken");
      else
        lines.push(
          JSON.stringify({
            instruction: `Task ${i % 51_000}: ${filler}`,
            input: i % 3 ? "" : filler,
            output: filler + filler,
          }),
        );
    }
    const bytes = new TextEncoder().encode(lines.join("\n"));
    expect(bytes.byteLength).toBeGreaterThan(20 * 1024 * 1024);

    const started = performance.now();
    const r = parseSeedFile(bytes, { fileName: "big.jsonl" });
    const elapsed = performance.now() - started;

    expect(r.rowsRead).toBe(52_000);
    expect(r.errors).toHaveLength(5);
    expect(r.errors[0]?.line).toBe(10_000);
    // Rows 51,000+ repeat the instructions of rows 0+ (same input pattern since 51,000 % 3 === 0).
    expect(r.duplicates[0]).toEqual({ line: 51_001, firstLine: 1 });
    expect(r.seeds.length + r.duplicates.length + r.errors.length).toBe(52_000);
    expect(elapsed).toBeLessThan(2000);
  });
});
