import { boundedWordDiff, wordDiffStats } from "@/lib/text/word-diff";

function words(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "word" : "words"}`;
}

/**
 * What changed between two texts, word by word: removed struck through in red, added in green.
 * Past the diff's bounds (lib/text/word-diff.ts) it says so and shows the new text plain.
 * `clipped`: the texts are only the start of longer ones, so no diff is tried.
 */
export function WordDiffView({
  before,
  after,
  clipped = false,
  className = "",
}: {
  before: string;
  after: string;
  clipped?: boolean;
  className?: string;
}) {
  const diff = clipped ? null : boundedWordDiff(before, after);
  if (!diff || diff.kind === "too-long") {
    const count = diff?.words ?? null;
    return (
      <div className={`space-y-2 ${className}`.trim()} data-testid="word-diff">
        <p className="text-xs text-zinc-500" data-testid="word-diff-summary">
          {count === null
            ? "Too long to diff."
            : diff?.reason === "work"
              ? `Too many changes to diff (${words(count)}).`
              : `Too long to diff (${words(count)}).`}{" "}
          The new text is shown above.
        </p>
        {diff?.reason === "work" ? (
          // Short enough to show, only too different to diff: the parent's text, plain.
          <details className="text-sm">
            <summary className="cursor-pointer text-xs text-zinc-600">The parent&apos;s text</summary>
            <div className="mt-1 whitespace-pre-wrap break-words text-zinc-800" data-testid="word-diff-before">
              {before}
            </div>
          </details>
        ) : null}
      </div>
    );
  }
  const { segments } = diff;
  const { added, removed } = wordDiffStats(segments);
  return (
    <div className={`space-y-2 ${className}`.trim()} data-testid="word-diff">
      <p className="text-xs text-zinc-500" data-testid="word-diff-summary">
        +{words(added)}, −{words(removed)}
      </p>
      <div className="whitespace-pre-wrap break-words text-sm leading-relaxed text-zinc-800">
        {segments.map((s, i) =>
          s.kind === "added" ? (
            <ins key={i} className="rounded-sm bg-green-100 text-green-800 no-underline" title="added">
              <span className="sr-only">[added: </span>
              {s.text}
              <span className="sr-only">]</span>
            </ins>
          ) : s.kind === "removed" ? (
            <del key={i} className="rounded-sm bg-red-100 text-red-700 line-through" title="removed">
              <span className="sr-only">[removed: </span>
              {s.text}
              <span className="sr-only">]</span>
            </del>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </div>
    </div>
  );
}
