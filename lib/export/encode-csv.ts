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

/** What spreadsheets read as the start of a formula (tab and CR too: some strip them and read what follows). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (CSV injection: `=HYPERLINK(…)`,
 * `=cmd|…`) gets a leading `'`, which spreadsheets read as "text" and do not
 * show. Model output is untrusted, so this is the default; `raw` keeps cells
 * exactly as stored, for round trips into tools that are not spreadsheets.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV record; formulas neutralised (neutraliseFormula) unless `raw`. */
export function csvRow(r: ExportRecord, lineage: boolean, raw = false): string {
  const cells = [r.instruction, r.input, r.output ?? "", ...(lineage ? lineageCells(r) : [])];
  return cells.map((c) => csvField(raw ? c : neutraliseFormula(c))).join(",") + CSV_NEWLINE;
}
