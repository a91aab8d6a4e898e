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
  const segments: WordDiffSegment[] = [];
  for (const change of diffWordsWithSpace(before, after)) {
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
