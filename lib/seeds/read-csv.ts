import Papa from "papaparse";
import type { LineIndex } from "./line-index";
import { SeedFileError } from "./seed-file-error";
import type { RawRecord } from "./types";

// Empty or repeated header names would silently overwrite each other's
// values in the row object, so they get distinct names.
function uniqueHeader(row: string[]): string[] {
  const seen = new Map<string, number>();
  return row.map((cell, i) => {
    const base = cell.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

function isBlankRow(row: string[]): boolean {
  return row.every((cell) => cell.trim() === "");
}

// Parsed without papaparse's header mode and with blank rows kept so every
// step's cursor is exact: a record starts where the previous one ended, which
// gives its physical line even when earlier fields span several lines. Blank
// rows are then dropped here, matching skipEmptyLines: "greedy".
export function readCsv(text: string, delimiter: string, index: LineIndex): RawRecord[] {
  const records: RawRecord[] = [];
  let header: string[] | null = null;
  let headerError: string | null = null;
  let previousEnd = 0;

  Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    step(result) {
      const start = previousEnd;
      previousEnd = result.meta.cursor;
      const row = result.data;
      if (isBlankRow(row)) return;
      const line = index.lineAt(start);
      const problem = result.errors[0];
      if (header === null) {
        if (problem) headerError = `CSV header row at line ${line} is malformed (${problem.message}).`;
        header = uniqueHeader(row);
        return;
      }
      if (problem) {
        records.push({ line, error: `CSV syntax error (${problem.message})` });
      } else if (row.length !== header.length) {
        records.push({ line, error: `expected ${header.length} fields (${header.join(", ")}), found ${row.length}` });
      } else {
        const value: Record<string, string> = {};
        header.forEach((name, i) => (value[name] = row[i] ?? ""));
        records.push({ line, value });
      }
    },
  });
  if (headerError !== null) throw new SeedFileError(headerError);
  return records;
}
