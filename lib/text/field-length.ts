/** The default of SEED_MAX_FIELD_CHARS: the longest instruction, input, output (or metadata text) a seed or node may hold. */
export const DEFAULT_MAX_FIELD_CHARS = 100_000;

/** The most SEED_MAX_FIELD_CHARS may be set to, and what a form's text field is cut off at before the setting is read. */
export const MAX_FIELD_CHARS_CEILING = 10_000_000;

// Characters as people (and Postgres) count them: code points, so an emoji is
// one. A string's UTF-16 length is never smaller, so it is a free first check.
export function countChars(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}

/**
 * Null when `text` fits, else why not, e.g. "the instruction is 2,345,678
 * characters; the limit is 100,000 (SEED_MAX_FIELD_CHARS)".
 */
export function fieldLengthProblem(label: string, text: string, limit: number): string | null {
  if (text.length <= limit) return null;
  const chars = countChars(text);
  if (chars <= limit) return null;
  const n = (value: number) => value.toLocaleString("en-US");
  return `the ${label} is ${n(chars)} characters; the limit is ${n(limit)} (SEED_MAX_FIELD_CHARS)`;
}
