import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet-writer";
import { LINEAGE, LINEAGE_COLUMNS } from "./lineage-columns";
import { sliceChunks } from "./text-chunker";
import type { ExportRecord } from "./types";

/** Rows per row group: ~10 MB of 1 KB records in memory at a time, and row groups big enough to compress well. */
export const PARQUET_ROW_GROUP_SIZE = 10_000;

/** A column and its schema elements (one, or three for a list). */
type Column = { name: string; elements: SchemaElement[]; value: (r: ExportRecord) => unknown };

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
  { name: "instruction", elements: [text("instruction")], value: (r) => r.instruction },
  { name: "input", elements: [text("input")], value: (r) => r.input },
  // The encoder passes answered records only; "" keeps the column's type whatever comes.
  { name: "output", elements: [text("output")], value: (r) => r.output ?? "" },
];

const LINEAGE_PARQUET: Column[] = LINEAGE_COLUMNS.map((name) => {
  const { kind, nullable, value } = LINEAGE[name];
  const elements =
    kind === "list" ? stringList(name) : [kind === "int" ? int32(name, !nullable) : text(name, !nullable)];
  return { name, elements, value };
});

function schemaFor(columns: Column[]): SchemaElement[] {
  return [{ name: "root", num_children: columns.length }, ...columns.flatMap((c) => c.elements)];
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
      columnData: columns.map((c) => ({ name: c.name, data: batch.map(c.value) })),
      rowGroupSize: batch.length,
    });
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
