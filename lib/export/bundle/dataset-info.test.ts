import { parquetMetadata } from "hyparquet";
import { describe, expect, it } from "vitest";
import { encodeExport } from "../encode-export";
import { collect, fromArray, TRICKY_RECORDS } from "../testing/sample-records";
import { EXPORT_FORMATS, type ExportFormat } from "../types";
import { datasetInfoEntry } from "./dataset-info";

const ALPACA = { prompt: "instruction", query: "input", response: "output" };

describe("datasetInfoEntry", () => {
  it.each<[ExportFormat, string | undefined, object]>([
    ["alpaca", undefined, { file_name: "evol.jsonl", columns: ALPACA }],
    ["alpaca-json", undefined, { file_name: "evol.jsonl", columns: ALPACA }],
    ["csv", undefined, { file_name: "evol.jsonl", columns: ALPACA }],
    ["parquet", undefined, { file_name: "evol.jsonl", columns: ALPACA }],
    [
      "sharegpt",
      "Be brief.",
      {
        file_name: "evol.jsonl",
        formatting: "sharegpt",
        columns: { messages: "conversations", system: "system" },
        tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
      },
    ],
    [
      "sharegpt",
      undefined,
      {
        file_name: "evol.jsonl",
        formatting: "sharegpt",
        columns: { messages: "conversations" },
        tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
      },
    ],
    [
      "openai",
      "Be brief.",
      {
        file_name: "evol.jsonl",
        formatting: "sharegpt",
        columns: { messages: "messages" },
        tags: {
          role_tag: "role",
          content_tag: "content",
          user_tag: "user",
          assistant_tag: "assistant",
          system_tag: "system",
        },
      },
    ],
  ])("%s (system prompt %s)", (format, systemPrompt, entry) => {
    expect(datasetInfoEntry({ name: "evol", fileName: "evol.jsonl", format, lineage: true, systemPrompt })).toEqual({
      evol: entry,
    });
  });
});

/** The top-level keys (or columns) of the first record of an exported file. */
async function firstRecordKeys(
  format: ExportFormat,
  bytes: Buffer,
): Promise<{ keys: string[]; first: Record<string, unknown> }> {
  const text = bytes.toString("utf8");
  if (format === "parquet") {
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    return { keys: meta.schema.slice(1).map((e) => e.name), first: {} };
  }
  if (format === "csv") return { keys: text.split("\r\n")[0]!.split(","), first: {} };
  const first = (
    format === "alpaca-json" ? (JSON.parse(text) as unknown[])[0] : JSON.parse(text.split("\n")[0]!)
  ) as Record<string, unknown>;
  return { keys: Object.keys(first), first };
}

describe("dataset_info.json matches the exported file", () => {
  it.each(EXPORT_FORMATS.flatMap((f) => [false, true].map((lineage) => [f, lineage] as const)))(
    "%s (lineage %s)",
    async (format, lineage) => {
      const systemPrompt = "Sys.";
      const bytes = await collect(encodeExport(fromArray(TRICKY_RECORDS), { format, lineage, systemPrompt }));
      const info = datasetInfoEntry({ name: "d", fileName: "f", format, lineage, systemPrompt }).d!;
      const { keys, first } = await firstRecordKeys(format, bytes);
      for (const column of Object.values(info.columns)) expect(keys).toContain(column);
      if (info.tags) {
        const messages = first[info.columns.messages!] as Record<string, string>[];
        const user = messages.find((m) => m[info.tags!.role_tag!] === info.tags!.user_tag)!;
        const assistant = messages.find((m) => m[info.tags!.role_tag!] === info.tags!.assistant_tag)!;
        expect(user[info.tags.content_tag!]).toBe(TRICKY_RECORDS[0]!.instruction);
        expect(assistant[info.tags.content_tag!]).toBe(TRICKY_RECORDS[0]!.output);
        if (info.tags.system_tag) expect(messages[0]![info.tags.role_tag!]).toBe(info.tags.system_tag);
      }
    },
  );
});
