// Finds where each top-level element of a JSON array starts and ends without
// building the values, so per-element errors can name the element's line.
// Structure only: the content of each span is validated by JSON.parse later.

export interface ElementSpan {
  start: number;
  end: number;
}

export class JsonScanError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}

// i points at the opening quote; returns the offset just past the closing one.
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) throw new JsonScanError(i, "unterminated string");
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

function skipValue(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 34) return skipString(text, start);
  if (c === 123 || c === 91) {
    let depth = 0;
    let i = start;
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 34) {
        i = skipString(text, i);
        continue;
      }
      if (ch === 123 || ch === 91) depth++;
      else if (ch === 125 || ch === 93) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new JsonScanError(start, "this element is not closed before the end of the file");
  }
  let i = start;
  // 44 ',' 93 ']' 125 '}': a scalar runs until the next structural character.
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 44 || ch === 93 || ch === 125 || isJsonSpace(ch)) break;
    i++;
  }
  if (i === start) throw new JsonScanError(start, `expected a value, found "${text[start] ?? ""}"`);
  return i;
}

export function scanArrayElements(text: string): ElementSpan[] {
  let i = skipSpace(text, 0);
  if (text[i] !== "[") throw new JsonScanError(i, "expected a JSON array starting with [");
  const spans: ElementSpan[] = [];
  i = skipSpace(text, i + 1);
  if (text[i] === "]") return finish(text, i + 1, spans);
  for (;;) {
    if (i >= text.length) throw new JsonScanError(text.length, "unexpected end of file: the array is not closed");
    const start = i;
    i = skipValue(text, i);
    spans.push({ start, end: i });
    i = skipSpace(text, i);
    const c = text[i];
    if (c === "]") return finish(text, i + 1, spans);
    if (c === undefined) throw new JsonScanError(text.length, "unexpected end of file: the array is not closed");
    if (c !== ",") throw new JsonScanError(i, `expected "," or "]" after an array element, found "${c}"`);
    i = skipSpace(text, i + 1);
    if (text[i] === "]") throw new JsonScanError(i, "trailing comma before ]");
  }
}

function finish(text: string, i: number, spans: ElementSpan[]): ElementSpan[] {
  const rest = skipSpace(text, i);
  if (rest < text.length) throw new JsonScanError(rest, "unexpected content after the closing ]");
  return spans;
}
