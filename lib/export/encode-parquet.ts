import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet-writer";
import { LINEAGE, LINEAGE_COLUMNS } from "./lineage-columns";
import { sliceChunks } from "./text-chunker";
import type { ExportRecord } from "./types";
import { utf8Views } from "./utf8-views";

/** Rows per row group: ~10 MB of 1 KB records in memory at a time, and row groups big enough to compress well. */
export const PARQUET_ROW_GROUP_SIZE = 10_000;

/**
 * A column and its schema elements (one, or three for a list). `bytes`: a text
 * column whose values are mostly distinct, handed to the writer as UTF-8 views
 * into one buffer per row group (utf8Views). Columns that repeat (enums, `input`,
 * which is mostly "") stay strings: the writer's dictionary keys them by value.
 */
type Column = { name: string; elements: SchemaElement[]; value: (r: ExportRecord) => unknown; bytes?: boolean };

const text = (name: string, required = true): SchemaElement => ({
  name,
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  repetition_type: required ? "REQUIRED" : "OPTIONAL",
});
const int32 = (name: string, required = true): SchemaElement => ({
  name,
  type: "INT32",
  repetition_type: required ? "REQUIRED" : "OPTIONAL",
});

// Lists are real list<string> columns (the standard 3-level LIST layout), not
// joined strings: pyarrow, pandas and Hugging Face datasets read them as lists,
// and names containing commas survive. Each list is written as two schema
// elements: the LIST group and its repeated "list" group with one "element".
function stringList(name: string): SchemaElement[] {
  return [
    { name, repetition_type: "REQUIRED", converted_type: "LIST", logical_type: { type: "LIST" }, num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  ];
}

const BASE: Column[] = [
  { name: "instruction", elements: [text("instruction")], value: (r) => r.instruction, bytes: true },
  { name: "input", elements: [text("input")], value: (r) => r.input },
  // The encoder passes answered records only; "" keeps the column's type whatever comes.
  { name: "output", elements: [text("output")], value: (r) => r.output ?? "", bytes: true },
];

/**
 * Lineage columns of ids, mostly distinct like the texts. `root_id` repeats within a lineage: the writer's dictionary
 * finds repeated byte arrays by content, so it is encoded as before.
 */
const DISTINCT_IDS = new Set<string>(["id", "root_id", "parent_id"]);

const LINEAGE_PARQUET: Column[] = LINEAGE_COLUMNS.map((name) => {
  const { kind, nullable, value } = LINEAGE[name];
  const elements =
    kind === "list" ? stringList(name) : [kind === "int" ? int32(name, !nullable) : text(name, !nullable)];
  return { name, elements, value, bytes: DISTINCT_IDS.has(name) };
});

function schemaFor(columns: Column[]): SchemaElement[] {
  return [{ name: "root", num_children: columns.length }, ...columns.flatMap((c) => c.elements)];
}

/**
 * The statistics of the row group just written hold its min and max values as
 * the writer got them, until the footer is written: for a `bytes` column, views
 * into that row group's whole buffer. Copies let the buffers go.
 */
function detachStatistics(parquet: ParquetWriter): void {
  for (const { meta_data } of parquet.row_groups.at(-1)?.columns ?? []) {
    const statistics = meta_data?.statistics;
    if (!statistics) continue;
    if (statistics.min_value instanceof Uint8Array) statistics.min_value = statistics.min_value.slice();
    if (statistics.max_value instanceof Uint8Array) statistics.max_value = statistics.max_value.slice();
  }
}

/**
 * Hands out what the writer appended since the last call and rewinds its
 * buffer, so memory holds one row group's bytes at most. `offset` keeps
 * counting, which is what the footer's file offsets are computed from.
 */
function drain(writer: ByteWriter): Uint8Array {
  const bytes = new Uint8Array(writer.buffer.slice(0, writer.index));
  writer.index = 0;
  return bytes;
}

/**
 * Streams a Parquet file: records are buffered per row group, each group is
 * encoded and its bytes yielded before the next group is read. Only the
 * footer metadata (a few hundred bytes per row group) grows with the file.
 */
export async function* encodeParquet(
  records: AsyncIterable<ExportRecord>,
  lineage: boolean,
  onRecord: () => void,
  rowGroupSize = PARQUET_ROW_GROUP_SIZE,
): AsyncGenerator<Uint8Array> {
  const columns = lineage ? [...BASE, ...LINEAGE_PARQUET] : BASE;
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({ writer, schema: schemaFor(columns), createdBy: "evol-studio" });
  let batch: ExportRecord[] = [];

  const writeBatch = (): Uint8Array => {
    parquet.write({
      columnData: columns.map((c) => {
        const values = batch.map(c.value);
        return { name: c.name, data: c.bytes ? utf8Views(values as (string | null)[]) : values };
      }),
      rowGroupSize: batch.length,
    });
    detachStatistics(parquet);
    batch = [];
    return drain(writer);
  };

  for await (const record of records) {
    batch.push(record);
    onRecord();
    if (batch.length >= rowGroupSize) yield* sliceChunks(writeBatch());
  }
  if (batch.length > 0) yield* sliceChunks(writeBatch());
  parquet.finish();
  yield* sliceChunks(drain(writer));
}
