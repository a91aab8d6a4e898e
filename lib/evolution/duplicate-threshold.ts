// Its own module so the run form can import it without pulling the rule's
// hashing (node:crypto) into the browser bundle.
/**
 * The Jaccard similarity (character 5-grams) at or above which a new
 * instruction is a near-duplicate, unless the run sets another. High on
 * purpose: an in-depth rewrite may add only 10–20 words (about 100 characters),
 * so a good rewrite of a 500-character instruction still shares about 0.83 of
 * its shingles with its parent; 0.95 flags rewrites that changed next to
 * nothing without eliminating honest growth of long instructions.
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.95;
