import { LINEAGE_COLUMNS, lineageCells } from "./lineage-columns";
import type { ExportRecord } from "./types";

// RFC 4180: records end in CRLF; a field with a comma, quote, CR or LF is
// quoted with inner quotes doubled. Leading/trailing spaces are quoted too so
// spreadsheet imports do not trim them.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const CSV_NEWLINE = "\r\n";

function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvColumns(lineage: boolean): string[] {
  return ["instruction", "input", "output", ...(lineage ? LINEAGE_COLUMNS : [])];
}

export function csvHeader(lineage: boolean): string {
  return csvColumns(lineage).map(csvField).join(",") + CSV_NEWLINE;
}

/** One CSV record. No formula escaping: a leading "=" is data and must round-trip unchanged. */
export function csvRow(r: ExportRecord, lineage: boolean): string {
  const cells = [r.instruction, r.input, r.output ?? "", ...(lineage ? lineageCells(r) : [])];
  return cells.map(csvField).join(",") + CSV_NEWLINE;
}
