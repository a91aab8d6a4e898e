import { Card } from "@/components/ui/card";
import type { RoundProgress } from "@/lib/server/runs/get-run-progress";

const SEGMENTS = [
  ["passed", "bg-emerald-500", "passed"],
  ["eliminated", "bg-amber-400", "eliminated"],
  ["failedSteps", "bg-red-500", "step errors"],
  ["skipped", "bg-zinc-400", "skipped"],
  ["running", "bg-indigo-300", "in flight"],
] as const;

export function RoundBars({ rounds, currentRound }: { rounds: RoundProgress[]; currentRound: number | null }) {
  return (
    <Card title="Rounds">
      <ul className="space-y-3">
        {rounds.map((r) => {
          const total = Math.max(r.expected, r.created, 1);
          const finished = r.passed + r.eliminated + r.failedSteps + r.skipped;
          return (
            <li key={r.round} data-testid="round-progress" data-round={r.round}>
              <div className="flex justify-between text-xs text-zinc-600">
                <span className="font-medium text-zinc-800">
                  Round {r.round}
                  {currentRound !== null && r.round > currentRound ? " · waits for release" : ""}
                </span>
                <span className="tabular-nums">
                  {finished.toLocaleString("en-US")} / {total.toLocaleString("en-US")} · {r.passed} passed ·{" "}
                  {r.eliminated} eliminated
                  {r.failedSteps ? ` · ${r.failedSteps} errors` : ""} · {r.pending} pending
                </span>
              </div>
              <div className="mt-1 flex h-2.5 overflow-hidden rounded-full bg-zinc-100">
                {SEGMENTS.map(([key, color, label]) =>
                  r[key] ? (
                    <div
                      key={key}
                      className={color}
                      style={{ width: `${(r[key] / total) * 100}%` }}
                      title={`${r[key]} ${label}`}
                    />
                  ) : null,
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="mt-3 flex flex-wrap gap-3 text-xs text-zinc-500">
        {SEGMENTS.map(([key, color, label]) => (
          <span key={key} className="inline-flex items-center gap-1">
            <span className={`inline-block h-2 w-2 rounded-full ${color}`} />
            {label}
          </span>
        ))}
      </p>
    </Card>
  );
}
