import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { RunBatch } from "@/lib/server/batch/get-run-batches";
import { batchStateText } from "./batch-state-text";

const fmt = (n: number) => n.toLocaleString("en-US");

/** Day and time in the reader's time zone (24-hour clock): a batch can take hours, past midnight. */
function when(iso: string | null) {
  if (!iso) return <span className="text-zinc-400">—</span>;
  const text = new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}

/** A batch-mode run's Batch API jobs, newest first (docs/decisions/0022-batch-api-runs.md). */
export function RunBatchesCard({ batches }: { batches: RunBatch[] }) {
  return (
    <Card title="Batches">
      {batches.length === 0 ? (
        <p className="text-sm text-zinc-500" data-testid="batches-empty">
          No batch yet: the round&apos;s first calls are being gathered into one.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="run-batches">
            <thead className="text-xs text-zinc-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Round</th>
                <th className="py-1 pr-3 font-medium">Calls</th>
                <th className="py-1 pr-3 font-medium">State</th>
                <th className="py-1 pr-3 font-medium">Requests</th>
                <th className="py-1 pr-3 font-medium">Submitted</th>
                <th className="py-1 font-medium">Finished</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {batches.map((batch) => {
                const state = batchStateText(batch);
                return (
                  <tr
                    key={batch.id}
                    data-testid="run-batch"
                    data-round={batch.round}
                    data-phase={batch.phase}
                    data-state={batch.state}
                    className="align-top"
                  >
                    <td className="py-1.5 pr-3 tabular-nums">{batch.round}</td>
                    <td className="py-1.5 pr-3">{batch.phase}</td>
                    <td className="py-1.5 pr-3">
                      <Badge tone={state.tone}>
                        <span data-testid="batch-state">{state.text}</span>
                      </Badge>
                      {batch.failureReason ? (
                        <span className="mt-0.5 block text-xs text-red-700" data-testid="batch-failure">
                          {batch.failureReason}
                        </span>
                      ) : null}
                    </td>
                    <td className="py-1.5 pr-3 tabular-nums" data-testid="batch-requests">
                      {fmt(batch.requests.done)} done
                      {batch.requests.failed ? `, ${fmt(batch.requests.failed)} failed` : ""} of{" "}
                      {fmt(batch.requests.total)}
                    </td>
                    <td className="py-1.5 pr-3 whitespace-nowrap">{when(batch.submittedAt)}</td>
                    <td className="py-1.5 whitespace-nowrap">{when(batch.finishedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-3 text-xs text-zinc-500">
        Each round sends its calls phase by phase: the evolve calls first, then answer, judge and difficulty side by
        side. A failed request is sent again in the next phase; pausing leaves open batches running, cancelling cancels
        them.
      </p>
    </Card>
  );
}
