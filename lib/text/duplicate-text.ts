import { createHash } from "node:crypto";

/**
 * Whitespace left after NFKC (which already turns no-break and typographic
 * spaces into U+0020), listed rather than written \s so the SQL twin
 * (nodes_duplicate_text, migration 20261205110000) matches the same set.
 */
const WHITESPACE_RUN = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/**
 * The text two instructions are compared on for the duplicate rule: Unicode
 * NFKC (full-width letters, ligatures and compatibility forms fold to their
 * plain form), lower case, whitespace runs collapsed to one space, trimmed.
 * Postgres computes the same in nodes_duplicate_text; a test keeps them equal.
 */
export function normalizeForDuplicates(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(WHITESPACE_RUN, " ").trim();
}

/** Whether two texts are one after normalisation. */
export function sameAfterNormalization(a: string, b: string): boolean {
  return normalizeForDuplicates(a) === normalizeForDuplicates(b);
}

/**
 * sha-256 (hex) of the normalised instruction and input, NUL between so
 * ("ab", "c") and ("a", "bc") never collide: what nodes.duplicate_hash holds.
 */
export function duplicateHashOf(instruction: string, input: string): string {
  return createHash("sha256")
    .update(normalizeForDuplicates(instruction) + "\u0000" + normalizeForDuplicates(input))
    .digest("hex");
}
