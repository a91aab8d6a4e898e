import { diffWordsWithSpace } from "diff";

export type WordDiffKind = "same" | "added" | "removed";

export interface WordDiffSegment {
  kind: WordDiffKind;
  text: string;
}

/**
 * Word-level diff of two texts. Whitespace is kept exactly: joining the "same" and
 * "removed" segments gives `before`, joining "same" and "added" gives `after`.
 * Where a word changed, its "removed" segment comes before its "added" one.
 */
export function wordDiff(before: string, after: string): WordDiffSegment[] {
  return mergeChanges(diffWordsWithSpace(before, after));
}

/** Beyond this many words on either side the diff is not tried: the view would be unreadable and slow. */
export const DIFF_MAX_WORDS = 10_000;
/**
 * The diff algorithm's work bound (Myers' edit distance, in tokens): a rewrite
 * that changes more than this gives up instead of searching quadratically.
 */
export const DIFF_MAX_EDIT_LENGTH = 1_000;

export type BoundedWordDiff =
  { kind: "diff"; segments: WordDiffSegment[] } | { kind: "too-long"; words: number; reason: "size" | "work" };

/**
 * wordDiff with bounds: texts over `maxWords` words are not diffed at all,
 * and a diff that needs more than `maxEditLength` edits is abandoned. Either
 * way the caller gets the larger side's word count, to say why.
 */
export function boundedWordDiff(
  before: string,
  after: string,
  limits: { maxWords?: number; maxEditLength?: number } = {},
): BoundedWordDiff {
  const maxWords = limits.maxWords ?? DIFF_MAX_WORDS;
  const words = Math.max(countWords(before), countWords(after));
  if (words > maxWords) return { kind: "too-long", words, reason: "size" };
  const changes = diffWordsWithSpace(before, after, { maxEditLength: limits.maxEditLength ?? DIFF_MAX_EDIT_LENGTH });
  if (!changes) return { kind: "too-long", words, reason: "work" };
  return { kind: "diff", segments: mergeChanges(changes) };
}

function mergeChanges(changes: { value: string; added?: boolean; removed?: boolean }[]): WordDiffSegment[] {
  const segments: WordDiffSegment[] = [];
  for (const change of changes) {
    if (!change.value) continue;
    const kind: WordDiffKind = change.added ? "added" : change.removed ? "removed" : "same";
    const last = segments.at(-1);
    if (last && last.kind === kind) last.text += change.value;
    else segments.push({ kind, text: change.value });
  }
  return segments;
}

/** Words (runs of non-whitespace, punctuation included) in a piece of text. */
export function countWords(text: string): number {
  return text.match(/\S+/gu)?.length ?? 0;
}

/** How many words the diff adds and removes. */
export function wordDiffStats(segments: readonly WordDiffSegment[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const s of segments) {
    if (s.kind === "added") added += countWords(s.text);
    else if (s.kind === "removed") removed += countWords(s.text);
  }
  return { added, removed };
}
