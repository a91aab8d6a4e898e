import { describe, expect, it } from "vitest";
import { parseSeedFile } from "./parse-seed-file";

// Results at the size of Alpaca's seed pool: line numbers far into the file and
// duplicates 51,000 lines apart. How fast this parses is `npm run bench:import`'s
// business (BENCHMARKS.md), not a test's.
describe("a 52,000-row Alpaca JSONL with duplicates and bad lines", () => {
  it("reads every row, reporting each bad line and each duplicate with its line numbers", () => {
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

    const r = parseSeedFile(bytes, { fileName: "big.jsonl" });

    expect(r.rowsRead).toBe(52_000);
    expect(r.errors.map((e) => e.line)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
    // Rows 51,000–51,999 repeat rows 0–999 (same input pattern too, since 51,000 % 3 === 0).
    expect(r.duplicates).toHaveLength(1_000);
    expect(r.duplicates[0]).toEqual({ line: 51_001, firstLine: 1 });
    expect(r.duplicates.at(-1)).toEqual({ line: 52_000, firstLine: 1_000 });
    expect(r.seeds.length + r.duplicates.length + r.errors.length).toBe(52_000);
  });
});
