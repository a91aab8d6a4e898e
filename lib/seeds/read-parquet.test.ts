import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { isParquetFile } from "./detect-format";
import { parseSeedFileAsync } from "./parse-seed-file-async";
import { SeedFileError } from "./seed-file-error";

const parquet = (columnData: Parameters<typeof parquetWriteBuffer>[0]["columnData"]): Uint8Array =>
  new Uint8Array(parquetWriteBuffer({ columnData }));

describe("Parquet seed import", () => {
  it("maps rows like JSON records, line = row number, INT64 as numbers", async () => {
    const bytes = parquet([
      { name: "prompt", data: ["What is 2+2?", "  ", "Name a colour."], type: "STRING" },
      { name: "response", data: ["4", "x", ""], type: "STRING" },
      { name: "score", data: [1n, 2n, 3n], type: "INT64" },
    ]);
    const parsed = await parseSeedFileAsync(bytes, { fileName: "train-00000.parquet" });
    expect(parsed.format).toBe("parquet");
    expect(parsed.schema).toBe("generic");
    expect(parsed.rowsRead).toBe(3);
    expect(parsed.seeds.map((s) => [s.line, s.instruction, s.output, s.metadata])).toEqual([
      [1, "What is 2+2?", "4", { score: 1 }],
      [3, "Name a colour.", null, { score: 3 }],
    ]);
    expect(parsed.errors).toEqual([{ line: 2, message: 'Line 2: empty instruction (field "prompt" is blank)' }]);
  });

  it("recognises Parquet by its magic bytes even without a name", async () => {
    const bytes = parquet([{ name: "instruction", data: ["Hi"], type: "STRING" }]);
    expect(isParquetFile(bytes, undefined)).toBe(true);
    expect((await parseSeedFileAsync(bytes)).seeds[0]!.instruction).toBe("Hi");
  });

  it("keeps text that merely starts with PAR1 as text", async () => {
    const bytes = new TextEncoder().encode("PAR1 is a fine first line\nsecond line\n");
    expect(isParquetFile(bytes, undefined)).toBe(false);
    expect((await parseSeedFileAsync(bytes)).format).toBe("text");
  });

  it("reports a broken .parquet file as a SeedFileError", async () => {
    await expect(
      parseSeedFileAsync(new TextEncoder().encode("not parquet"), { fileName: "x.parquet" }),
    ).rejects.toThrow(SeedFileError);
    await expect(
      parseSeedFileAsync(new TextEncoder().encode("not parquet"), { fileName: "x.parquet" }),
    ).rejects.toThrow(/Not a readable Parquet file/);
  });

  it("applies the size limit", async () => {
    const bytes = parquet([{ name: "instruction", data: ["Hi"], type: "STRING" }]);
    await expect(parseSeedFileAsync(bytes, { maxBytes: 10 })).rejects.toThrow(/too large/);
  });
});
