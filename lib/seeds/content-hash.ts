import { createHash } from "node:crypto";

// \s covers the Unicode White_Space set except U+0085 (NEL), added explicitly.
const WHITESPACE_RUN = /[\s\u0085]+/g;

export function normalizeWhitespace(s: string): string {
  return s.replace(WHITESPACE_RUN, " ").trim();
}

// NUL separator so ("ab", "c") and ("a", "bc") can never collide.
export function contentHashOf(instruction: string, input: string): string {
  return createHash("sha256")
    .update(normalizeWhitespace(instruction) + "\u0000" + normalizeWhitespace(input))
    .digest("hex");
}
