// How much of a text each view sends to the browser. One 30 MB seed made its
// project page 63 MB of HTML; lists now carry a clipped preview (cut in SQL,
// so the full text is never read for a list) and the node view the start of
// a long text, with the rest fetched in chunks on request.

/** Characters of each text a list row (seeds, review queue, tree) carries. */
export const PREVIEW_CHARS = 400;

/** The node view shows a text whole up to this many characters, and offers to edit only such texts… */
export const NODE_TEXT_LIMIT = 100_000;

/** …and past it only the first NODE_TEXT_HEAD, with "Show all" for the rest. */
export const NODE_TEXT_HEAD = 20_000;

/** Characters per chunk when the node view reveals the rest of a long text ("Show all"). */
export const TEXT_CHUNK_CHARS = 250_000;

/** The first `max` UTF-16 units of a text, for texts already in memory (a surrogate pair cut in two shows as one odd character). */
export function clipText(text: string, max = PREVIEW_CHARS): string {
  return text.length <= max ? text : text.slice(0, max);
}
