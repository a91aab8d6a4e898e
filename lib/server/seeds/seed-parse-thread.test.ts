// Uploads are parsed in a worker thread, never on the web server's own: any
// format, with limits on heap and time (and, for Parquet, rows and
// decompressed bytes); each limit is crafted small here.
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { SeedFileError } from "@/lib/seeds/seed-file-error";
import { parseSeedFile } from "@/lib/seeds/parse-seed-file";
import { parseSeedsInThread } from "./seed-parse-thread";

const bytes = new Uint8Array(
  parquetWriteBuffer({
    columnData: [
      { name: "instruction", data: ["Name a colour.", "What is 2+2?", "x".repeat(40)], type: "STRING" },
      { name: "output", data: ["Red.", "4", ""], type: "STRING" },
      { name: "score", data: [1n, 2n, 3n], type: "INT64" },
    ],
  }),
);

/** The thread for a Parquet file named like an upload, with the server's size limit. */
const inThread = (options: { bytes?: Uint8Array; fileName?: string; maxFieldChars: number; limits?: object }) =>
  parseSeedsInThread({ bytes, fileName: "seeds.parquet", maxBytes: 50 * 1024 * 1024, ...options });

const failure = async (run: Promise<unknown>) => {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SeedFileError);
  return (error as SeedFileError).message;
};

describe("parseSeedsInThread: Parquet", () => {
  it("reads and maps a valid file off the main thread", async () => {
    const parsed = await inThread({ maxFieldChars: 100 });
    expect(parsed.format).toBe("parquet");
    expect(parsed.seeds.map((s) => [s.line, s.instruction, s.output, s.metadata])).toEqual([
      [1, "Name a colour.", "Red.", { score: 1 }],
      [2, "What is 2+2?", "4", { score: 2 }],
      [3, "x".repeat(40), null, { score: 3 }],
    ]);
  });

  it("applies the field limit in the thread", async () => {
    const parsed = await inThread({ maxFieldChars: 39 });
    expect(parsed.errors).toEqual([
      { line: 3, message: "Line 3: the instruction is 40 characters; the limit is 39 (SEED_MAX_FIELD_CHARS)" },
    ]);
  });

  it("refuses more rows than the limit", async () => {
    expect(await failure(inThread({ maxFieldChars: 100, limits: { maxRows: 2 } }))).toBe(
      "The Parquet file has 3 rows; the limit is 2. Split the file.",
    );
  });

  it("refuses a file that decompresses to more than the limit", async () => {
    expect(await failure(inThread({ maxFieldChars: 100, limits: { maxDecompressedBytes: 50 } }))).toMatch(
      /^The Parquet file decompresses to \d+ bytes; the limit is 50 bytes\. Split the file\.$/,
    );
  });

  it("stops a thread that takes longer than the time limit", async () => {
    expect(await failure(inThread({ maxFieldChars: 100, limits: { timeoutMs: 5 } }))).toBe(
      "Reading the file took longer than 5 ms and was stopped. Split the file.",
    );
  });

  // 8 MB is less than the thread needs to load its code: what counts is that
  // running out fails the thread alone, with a message, not the process.
  it("stops a thread that needs more memory than its heap limit", async () => {
    expect(await failure(inThread({ maxFieldChars: 100, limits: { maxHeapMb: 8 } }))).toBe(
      "Reading the file needed more than 8.0 MiB of memory and was stopped. Split the file.",
    );
  });

  it("reports a broken file as a SeedFileError from the thread", async () => {
    expect(
      await failure(inThread({ bytes: new TextEncoder().encode("PAR1 nonsense PAR1"), maxFieldChars: 9 })),
    ).toMatch(/^Not a readable Parquet file/);
  });
});

describe("parseSeedsInThread: text formats", () => {
  const jsonl = new TextEncoder().encode(
    [
      JSON.stringify({ instruction: "Name a colour.", output: "Red.", skill: "art" }),
      "{not json",
      JSON.stringify({ instruction: "Name a colour.", output: "Blue." }),
      JSON.stringify({ instruction: "What is 2+2?", input: "", output: "4" }),
    ].join("\n"),
  );
  const options = { bytes: jsonl, fileName: "seeds.jsonl", maxBytes: 1_000, maxFieldChars: 100 };

  it("gives exactly what parsing on the calling thread gives: seeds, line errors and duplicates", async () => {
    const parsed = await parseSeedsInThread(options);
    expect(parsed).toEqual(parseSeedFile(jsonl, { fileName: "seeds.jsonl", maxBytes: 1_000, maxFieldChars: 100 }));
    expect(parsed.format).toBe("jsonl");
    expect(parsed.seeds.map((s) => s.instruction)).toEqual(["Name a colour.", "What is 2+2?"]);
    expect(parsed.errors.map((e) => e.line)).toEqual([2]);
    expect(parsed.duplicates).toHaveLength(1);
  });

  it("refuses a file over the size limit, and one that is not UTF-8, with the parser's messages", async () => {
    expect(await failure(parseSeedsInThread({ ...options, maxBytes: 100 }))).toMatch(
      /^File is too large: 177 bytes \(177 bytes\); the limit is 100 bytes\.$/,
    );
    const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00]);
    expect(await failure(parseSeedsInThread({ ...options, bytes: utf16 }))).toMatch(/UTF-16/);
  });

  it("stops a text file that takes longer than the time limit", async () => {
    expect(await failure(parseSeedsInThread({ ...options, limits: { timeoutMs: 5 } }))).toBe(
      "Reading the file took longer than 5 ms and was stopped. Split the file.",
    );
  });
});
