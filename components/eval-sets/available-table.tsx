import { BUCKET_LABELS, DIFFICULTY_BUCKETS } from "@/lib/eval-sets/difficulty-buckets";
import type { AvailableCounts } from "@/lib/server/eval-sets/eval-set-candidates";

const fmt = (n: number) => n.toLocaleString("en-US");

/** Candidates per difficulty bucket (rows) and seed skill (columns). */
export function AvailableTable({ available }: { available: AvailableCounts }) {
  if (available.skills.length === 0)
    return (
      <p className="text-sm text-zinc-600" data-testid="eval-available-none">
        No node to draw yet: accept evolved nodes of a run that scored difficulty (Start a run → Score difficulty).
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="eval-available">
        <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th className="py-1 pr-3">Difficulty</th>
            {available.skills.map((s) => (
              <th key={s} className="px-2 py-1 text-right font-medium normal-case">
                {s}
              </th>
            ))}
            <th className="py-1 pl-2 text-right">Total</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {DIFFICULTY_BUCKETS.map((b) => (
            <tr key={b} data-testid={`eval-available-${b}`}>
              <th className="py-1 pr-3 text-left font-medium">{BUCKET_LABELS[b]}</th>
              {available.skills.map((s) => (
                <td key={s} className="px-2 py-1 text-right tabular-nums">
                  {fmt(available.counts[b][s] ?? 0)}
                </td>
              ))}
              <td className="py-1 pl-2 text-right font-semibold tabular-nums" data-testid="eval-available-total">
                {fmt(available.totals[b])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
