// Its own module so the run form can import it without pulling the rule's
// hashing (node:crypto) into the browser bundle.
/** The Jaccard similarity at or above which a new instruction is a near-duplicate, unless the run sets another. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.8;
