const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["“", "”"],
  ["'", "'"],
  ["‘", "’"],
  ["`", "`"],
  ["«", "»"],
];

const WORD_CHAR = /[\p{L}\p{N}]/u;
const OPENS_AFTER = /[\s([{\-–—]/;

// For a quote character that opens and closes alike, guess its role from its
// neighbours: between letters it is an apostrophe ("don't"), after a space it
// opens, otherwise it closes.
function roleOf(inner: string, i: number): -1 | 0 | 1 {
  const before = inner[i - 1];
  const after = inner[i + 1];
  if (before !== undefined && after !== undefined && WORD_CHAR.test(before) && WORD_CHAR.test(after)) return 0;
  return before === undefined || OPENS_AFTER.test(before) ? 1 : -1;
}

// The first and last quote only wrap the whole text if the quotes between
// them balance: in `"Hamlet" or "Macbeth"` they belong to different words.
function balanced(inner: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (open === close) depth += ch === open ? roleOf(inner, i) : 0;
    else depth += ch === open ? 1 : ch === close ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Removes one pair of quotes or backticks around the whole text, when they really wrap it. */
export function unquote(text: string): string {
  for (const [open, close] of QUOTE_PAIRS) {
    if (text.length < 2 || !text.startsWith(open) || !text.endsWith(close)) continue;
    const inner = text.slice(open.length, text.length - close.length);
    if (balanced(inner, open, close)) return inner;
  }
  return text;
}
