// JSON.stringify leaves U+2028, U+2029 and U+0085 raw, which is valid JSON,
// but Python's str.splitlines() (used by some JSONL readers) breaks lines on
// them. Escaping them keeps "one record per line" true for every reader.
const LINE_BREAKERS = /[\u0085\u2028\u2029]/g;

function escapeBreaker(ch: string): string {
  return "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
}

/** One JSON value on a single physical line (no newline appended). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(LINE_BREAKERS, escapeBreaker);
}
