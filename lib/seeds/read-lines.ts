import type { RawRecord } from "./types";

const NON_SPACE = /\S/;

// Lines are split on "\n" only and a trailing "\r" is dropped, so CRLF and LF
// files get identical 1-based line numbers. Blank lines are not records.
function forEachNonBlankLine(text: string, visit: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 1;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(start, stop);
    if (NON_SPACE.test(line)) visit(line, lineNo);
    start = end + 1;
    lineNo++;
  }
}

export function readJsonLines(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  forEachNonBlankLine(text, (line, lineNo) => {
    try {
      records.push({ line: lineNo, value: JSON.parse(line) });
    } catch (e) {
      records.push({ line: lineNo, error: `invalid JSON (${e instanceof Error ? e.message : String(e)})` });
    }
  });
  return records;
}

export function readTextLines(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  forEachNonBlankLine(text, (line, lineNo) => records.push({ line: lineNo, value: line }));
  return records;
}
