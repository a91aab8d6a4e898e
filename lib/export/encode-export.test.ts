import { createHash } from "node:crypto";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { encodeExport, encodeExportWithSummary } from "./encode-export";
import { encodeParquet, PARQUET_ROW_GROUP_SIZE } from "./encode-parquet";
import { CHUNK_BYTES } from "./text-chunker";
import { ANSWERED_RECORDS, collect, exportRecord, fromArray, TRICKY_RECORDS } from "./testing/sample-records";
import { EXPORT_FORMATS, type EncodeOptions, type ExportRecord } from "./types";

const encode = async (records: ExportRecord[], options: EncodeOptions): Promise<string> =>
  (await collect(encodeExport(fromArray(records), options))).toString("utf8");

const jsonLines = (text: string): unknown[] => {
  const lines = text.split("\n");
  expect(lines.pop()).toBe(""); // every line, the last included, ends in "\n"
  return lines.map((l) => JSON.parse(l) as unknown);
};

const arrayBufferOf = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

const LINEAGE_B = {
  id: "b",
  root_id: "root-1",
  parent_id: "root-1",
  round: 1,
  operation: "deepen",
  verdict: "passed",
  failed_rules: ["refusal", "empty_answer"],
  human_status: "accepted",
  reviewers: ["ann.smith@example.com", "bob@example.com"],
  reviewer_names: ["Smith, Ann", "bob"],
  difficulty: 6,
};

describe("alpaca (JSON Lines)", () => {
  it("writes one {instruction, input, output} object per line and leaves out records without an answer", async () => {
    const rows = jsonLines(await encode(TRICKY_RECORDS, { format: "alpaca", lineage: false }));
    expect(rows).toEqual([
      { instruction: "Say hi 👋 in 日本語 and עברית", input: "", output: "こんにちは 👋 — שלום" },
      { instruction: 'Quote "this", then that', input: "a,b,c\nd,e,f", output: 'He said "yes", she said \\"no\\"' },
      { instruction: "Tabs\there and\r\nCRLF lines", input: "C:\\path\\to\\file", output: "=SUM(A1:A2)\nline 2" },
      { instruction: "Separators\u2028inside\u2029text", input: "x", output: "Answer\u2029here" },
      { instruction: "Backslash n literal \\n and \\u0041", input: "", output: '{"json": [1, 2]}' },
    ]);
  });

  it("adds the lineage as top-level snake_case keys, in order", async () => {
    const rows = jsonLines(await encode(TRICKY_RECORDS, { format: "alpaca", lineage: true })) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(rows[1]!)).toEqual(["instruction", "input", "output", ...Object.keys(LINEAGE_B)]);
    expect(rows[1]).toMatchObject(LINEAGE_B);
    expect(rows[0]).toMatchObject({ parent_id: null, operation: null, difficulty: null, round: 0, failed_rules: [] });
  });

  it("escapes U+2028/U+2029 so no reader sees a line break inside a record", async () => {
    const text = await encode(TRICKY_RECORDS, { format: "alpaca", lineage: false });
    expect(text).not.toMatch(/[\u2028\u2029\u0085]/);
    expect(text).toContain("Separators\\u2028inside\\u2029text");
  });
});

describe("alpaca-json", () => {
  it("streams one JSON array with the same objects", async () => {
    const text = await encode(TRICKY_RECORDS.slice(0, 2), { format: "alpaca-json", lineage: false });
    expect(text.startsWith("[\n{")).toBe(true);
    expect(text.endsWith("}\n]\n")).toBe(true);
    expect(text.split("},\n{")).toHaveLength(2);
    expect(JSON.parse(text)).toEqual([
      { instruction: "Say hi 👋 in 日本語 and עברית", input: "", output: "こんにちは 👋 — שלום" },
      { instruction: 'Quote "this", then that', input: "a,b,c\nd,e,f", output: 'He said "yes", she said \\"no\\"' },
    ]);
  });

  it("is an empty array when nothing is selected", async () => {
    expect(JSON.parse(await encode([], { format: "alpaca-json", lineage: true }))).toEqual([]);
  });
});

describe("sharegpt", () => {
  it("joins instruction and input into the human turn and adds the system prompt", async () => {
    const rows = jsonLines(
      await encode([TRICKY_RECORDS[1]!], { format: "sharegpt", lineage: false, systemPrompt: "Be brief." }),
    );
    expect(rows).toEqual([
      {
        conversations: [
          { from: "human", value: 'Quote "this", then that\n\na,b,c\nd,e,f' },
          { from: "gpt", value: 'He said "yes", she said \\"no\\"' },
        ],
        system: "Be brief.",
      },
    ]);
  });

  it("uses the instruction alone when there is no input, and has no system key without a prompt", async () => {
    const rows = jsonLines(await encode([TRICKY_RECORDS[0]!], { format: "sharegpt", lineage: false }));
    expect(rows).toEqual([
      {
        conversations: [
          { from: "human", value: "Say hi 👋 in 日本語 and עברית" },
          { from: "gpt", value: "こんにちは 👋 — שלום" },
        ],
      },
    ]);
  });

  it("skips unanswered records and counts them", async () => {
    const run = encodeExportWithSummary(fromArray(TRICKY_RECORDS), { format: "sharegpt", lineage: true });
    const rows = jsonLines((await collect(run.chunks)).toString("utf8")) as Record<string, unknown>[];
    expect(rows.map((r) => r.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(await run.summary).toMatchObject({ records: 5, skipped: 1 });
  });
});

describe("openai", () => {
  it("writes system, user and assistant messages", async () => {
    const rows = jsonLines(
      await encode([TRICKY_RECORDS[2]!], { format: "openai", lineage: false, systemPrompt: "You help." }),
    );
    expect(rows).toEqual([
      {
        messages: [
          { role: "system", content: "You help." },
          { role: "user", content: "Tabs\there and\r\nCRLF lines\n\nC:\\path\\to\\file" },
          { role: "assistant", content: "=SUM(A1:A2)\nline 2" },
        ],
      },
    ]);
  });

  it("never writes lineage keys: OpenAI's fine-tuning takes messages only", async () => {
    const rows = jsonLines(await encode(TRICKY_RECORDS, { format: "openai", lineage: true })) as object[];
    expect(rows).toHaveLength(ANSWERED_RECORDS.length);
    for (const row of rows) expect(Object.keys(row)).toEqual(["messages"]);
  });

  it("has no system message without a prompt (or with a blank one)", async () => {
    const rows = jsonLines(
      await encode([TRICKY_RECORDS[0]!], { format: "openai", lineage: false, systemPrompt: "  " }),
    );
    expect(rows).toEqual([
      {
        messages: [
          { role: "user", content: "Say hi 👋 in 日本語 and עברית" },
          { role: "assistant", content: "こんにちは 👋 — שלום" },
        ],
      },
    ]);
  });
});

describe("csv", () => {
  it("writes an RFC 4180 header and rows that papaparse reads back unchanged", async () => {
    const text = await encode(TRICKY_RECORDS, { format: "csv", lineage: true });
    expect(
      text.startsWith(
        "instruction,input,output,id,root_id,parent_id,round,operation,verdict,failed_rules,human_status,reviewers,reviewer_names,difficulty\r\n",
      ),
    ).toBe(true);
    expect(text.charCodeAt(0)).not.toBe(0xfeff); // no BOM
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => [r.instruction, r.input, r.output])).toEqual(
      // The one formula-like cell gets its leading ' (neutraliseFormula).
      ANSWERED_RECORDS.map((r) => [r.instruction, r.input, r.id === "c" ? `'${r.output}` : r.output]),
    );
    expect(parsed.data[1]).toMatchObject({
      failed_rules: "refusal, empty_answer",
      reviewers: "ann.smith@example.com, bob@example.com",
      reviewer_names: "Smith, Ann, bob",
      round: "1",
      difficulty: "6",
    });
    expect(parsed.data[0]).toMatchObject({ parent_id: "", operation: "", difficulty: "" });
  });

  it("quotes exactly the fields that need it and doubles inner quotes", async () => {
    const text = await encode([exportRecord({ instruction: 'say "hi"', input: "plain", output: "a,b" })], {
      format: "csv",
      lineage: false,
    });
    expect(text).toBe('instruction,input,output\r\n"say ""hi""",plain,"a,b"\r\n');
  });

  const FORMULAS = ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil")'];

  it("neutralises every cell a spreadsheet would run as a formula with a leading '", async () => {
    const records = FORMULAS.map((f, i) =>
      exportRecord({ id: `n${i}`, instruction: f, input: f, output: f, reviewerNames: [f] }),
    );
    const text = await encode(records, { format: "csv", lineage: true });
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: false });
    const rows = parsed.data.filter((r) => r.id);
    expect(rows.map((r) => [r.instruction, r.input, r.output, r.reviewer_names])).toEqual(
      FORMULAS.map((f) => [`'${f}`, `'${f}`, `'${f}`, `'${f}`]),
    );
    // Text that merely contains such characters is left alone.
    expect(
      await encode([exportRecord({ instruction: "a=b", input: "x-y", output: "1 + 1" })], {
        format: "csv",
        lineage: false,
      }),
    ).toBe("instruction,input,output\r\na=b,x-y,1 + 1\r\n");
  });

  it("keeps every cell exactly as stored with keepRawText", async () => {
    const records = FORMULAS.map((f, i) => exportRecord({ id: `n${i}`, instruction: f, input: f, output: f }));
    const text = await encode(records, { format: "csv", lineage: false, keepRawText: true });
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: false });
    expect(
      parsed.data.filter((r) => r.instruction !== undefined && r.output !== undefined).map((r) => r.output),
    ).toEqual(FORMULAS);
  });
});

describe("parquet", () => {
  it("reads back with hyparquet as the same values, lists as lists and numbers as INT32", async () => {
    const bytes = await collect(encodeExport(fromArray(TRICKY_RECORDS), { format: "parquet", lineage: true }));
    expect(bytes.subarray(0, 4).toString()).toBe("PAR1");
    const rows = await parquetReadObjects({ file: arrayBufferOf(bytes) });
    expect(rows).toEqual(
      ANSWERED_RECORDS.map((r) => ({
        instruction: r.instruction,
        input: r.input,
        output: r.output,
        id: r.id,
        root_id: r.rootId,
        parent_id: r.parentId,
        round: r.round,
        operation: r.operation,
        verdict: r.verdict,
        failed_rules: r.failedRules,
        human_status: r.humanStatus,
        reviewers: r.reviewers,
        reviewer_names: r.reviewerNames,
        difficulty: r.difficulty,
      })),
    );
    const schema = parquetMetadata(arrayBufferOf(bytes)).schema;
    expect(schema.find((e) => e.name === "round")?.type).toBe("INT32");
    expect(schema.find((e) => e.name === "instruction")?.converted_type).toBe("UTF8");
  });

  it("writes one row group per batch instead of holding the whole dataset", async () => {
    const records = Array.from({ length: 5 }, (_, i) => exportRecord({ id: `n${i}`, instruction: `task ${i}` }));
    const bytes = await collect(encodeParquet(fromArray(records), false, () => {}, 2));
    const meta = parquetMetadata(arrayBufferOf(bytes));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([2, 2, 1]);
    const rows = await parquetReadObjects({ file: arrayBufferOf(bytes) });
    expect(rows.map((r) => r.instruction)).toEqual(["task 0", "task 1", "task 2", "task 3", "task 4"]);
    expect(Object.keys(rows[0]!)).toEqual(["instruction", "input", "output"]);
  });

  // Texts and ids reach the writer as UTF-8 bytes (decision 0050): bounds in byte order, as Parquet orders UTF8,
  // which is code point order ("\uE000" sorts before "👋", not after as UTF-16 code units would have it).
  it("gives each row group the min and max of its text and id columns in UTF-8 byte order", async () => {
    const texts = ["👋 wave", "\uE000 private", "b", "a", "Ω"];
    const records = texts.map((t, i) => exportRecord({ id: `${t}-id`, instruction: t, output: `${i}` }));
    const bytes = await collect(encodeParquet(fromArray(records), true, () => {}, 2));
    const groups = parquetMetadata(arrayBufferOf(bytes)).row_groups;
    const bounds = (column: string) =>
      groups.map((g) => {
        const { min_value, max_value } = g.columns.find((c) => c.meta_data?.path_in_schema[0] === column)!.meta_data!
          .statistics!;
        return [min_value, max_value];
      });
    expect(bounds("instruction")).toEqual([
      ["\uE000 private", "👋 wave"],
      ["a", "b"],
      ["Ω", "Ω"],
    ]);
    expect(bounds("id")).toEqual([
      ["\uE000 private-id", "👋 wave-id"],
      ["a-id", "b-id"],
      ["Ω-id", "Ω-id"],
    ]);
    expect(bounds("output")).toEqual([
      ["0", "1"],
      ["2", "3"],
      ["4", "4"],
    ]);
  });

  it("is a valid empty file when nothing is selected", async () => {
    const bytes = await collect(encodeExport(fromArray([]), { format: "parquet", lineage: false }));
    expect(await parquetReadObjects({ file: arrayBufferOf(bytes) })).toEqual([]);
  });
});

describe("streaming", () => {
  // ~1 KB records, counted as the encoder pulls them.
  function countingSource(total: number): { source: AsyncGenerator<ExportRecord>; pulled: () => number } {
    let pulled = 0;
    async function* source(): AsyncGenerator<ExportRecord> {
      for (let i = 0; i < total; i++) {
        pulled++;
        yield exportRecord({ id: `n${i}`, instruction: `Task ${i}: ${"lorem ipsum ".repeat(80)}`.trim() });
      }
    }
    return { source: source(), pulled: () => pulled };
  }

  it("pulls only about one chunk's worth of records before yielding the first chunk (JSONL)", async () => {
    const { source, pulled } = countingSource(100_000);
    const it = encodeExport(source, { format: "alpaca", lineage: true })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    // 64 KB / ~1.3 KB per line ≈ 50 records; far from the 100,000 available.
    expect(pulled()).toBeLessThanOrEqual(60);
    expect(first.value!.length).toBeGreaterThanOrEqual(CHUNK_BYTES);
    await it.return?.();
  });

  it("pulls at most one row group before yielding the first Parquet bytes", async () => {
    const { source, pulled } = countingSource(3 * PARQUET_ROW_GROUP_SIZE);
    const it = encodeExport(source, { format: "parquet", lineage: false })[Symbol.asyncIterator]();
    await it.next();
    expect(pulled()).toBe(PARQUET_ROW_GROUP_SIZE);
    await it.return?.();
  });

  it("yields chunks of about 64 KB", async () => {
    const { source } = countingSource(500);
    const sizes: number[] = [];
    for await (const c of encodeExport(source, { format: "csv", lineage: false })) sizes.push(c.length);
    expect(sizes.length).toBeGreaterThan(5);
    for (const s of sizes.slice(0, -1)) expect(s).toBeGreaterThanOrEqual(CHUNK_BYTES);
    for (const s of sizes) expect(s).toBeLessThan(CHUNK_BYTES + 4096);
  });
});

describe("summary", () => {
  it("reports records, skipped, bytes and the SHA-256 of exactly the bytes streamed", async () => {
    for (const format of EXPORT_FORMATS) {
      const run = encodeExportWithSummary(fromArray(TRICKY_RECORDS), { format, lineage: false });
      const bytes = await collect(run.chunks);
      const summary = await run.summary;
      expect(summary.bytes).toBe(bytes.length);
      expect(summary.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      // One rule for every format: the record without an answer is left out and counted.
      expect(summary).toMatchObject({ records: ANSWERED_RECORDS.length, skipped: 1 });
      expect(run.progress()).toEqual({ records: summary.records, skipped: summary.skipped, bytes: bytes.length });
    }
  });

  it("rejects the summary when the consumer stops early or the source fails", async () => {
    const early = encodeExportWithSummary(fromArray(TRICKY_RECORDS), { format: "alpaca", lineage: false });
    for await (const chunk of early.chunks) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await expect(early.summary).rejects.toThrow(/closed before the end/);

    async function* failing(): AsyncGenerator<ExportRecord> {
      yield TRICKY_RECORDS[0]!;
      throw new Error("database went away");
    }
    const failed = encodeExportWithSummary(failing(), { format: "alpaca", lineage: false });
    await expect(collect(failed.chunks)).rejects.toThrow("database went away");
    await expect(failed.summary).rejects.toThrow("database went away");
  });
});
