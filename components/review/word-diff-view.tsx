import { wordDiff, wordDiffStats } from "@/lib/text/word-diff";

function words(n: number): string {
  return `${n} ${n === 1 ? "word" : "words"}`;
}

/** What changed between two texts, word by word: removed struck through in red, added in green. */
export function WordDiffView({ before, after, className = "" }: { before: string; after: string; className?: string }) {
  const segments = wordDiff(before, after);
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
