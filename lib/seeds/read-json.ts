import { JsonScanError, scanArrayElements } from "./json-array-scanner";
import type { LineIndex } from "./line-index";
import { readJsonLines } from "./read-lines";
import { SeedFileError } from "./seed-file-error";
import type { RawRecord, SeedFormat } from "./types";

const POSITION = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/;

// V8 reports positions relative to the parsed slice; rebase them onto the
// file and drop its own line/column, which would be relative to the slice too.
function syntaxError(e: unknown, sliceStart: number, index: LineIndex): SeedFileError {
  const raw = e instanceof Error ? e.message : String(e);
  const m = POSITION.exec(raw);
  const message = raw.replace(POSITION, "");
  const line = index.lineAt(sliceStart + (m ? Number(m[1]) : 0));
  const where = m ? `at line ${line}` : `in the element starting at line ${line}`;
  return new SeedFileError(`Invalid JSON ${where}: ${message}`);
}

function readJsonArray(text: string, index: LineIndex): RawRecord[] {
  let spans;
  try {
    spans = scanArrayElements(text);
  } catch (e) {
    if (!(e instanceof JsonScanError)) throw e;
    throw new SeedFileError(`Invalid JSON at line ${index.lineAt(e.offset)}: ${e.message}`);
  }
  return spans.map(({ start, end }) => {
    try {
      return { line: index.lineAt(start), value: JSON.parse(text.slice(start, end)) as unknown };
    } catch (e) {
      // A syntax error anywhere means the file is not JSON; fail as a whole.
      throw syntaxError(e, start, index);
    }
  });
}

// A .json file is usually an array, but a single object is a valid one-record
// file, and many ".json" exports are really JSON Lines.
export function readJsonDocument(text: string, index: LineIndex): { format: SeedFormat; records: RawRecord[] } {
  const start = text.search(/\S/);
  const first = text[start];
  if (first === "[") return { format: "json", records: readJsonArray(text, index) };
  if (first === "{") {
    try {
      const value: unknown = JSON.parse(text);
      return { format: "json", records: [{ line: index.lineAt(start), value }] };
    } catch {
      return { format: "jsonl", records: readJsonLines(text) };
    }
  }
  throw new SeedFileError(
    `Expected a JSON array of records ("[{...}, ...]") but line ${index.lineAt(start)} starts with ${JSON.stringify(first ?? "")}.`,
  );
}
