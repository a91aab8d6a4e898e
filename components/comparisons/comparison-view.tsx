import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ComparisonView as View } from "@/lib/server/comparisons/get-comparison";
import { ComparisonGroupTable } from "./comparison-group-table";

/** A comparison's two runs, the legend, and one table per group: all rounds, each round, each operation. */
export function ComparisonView({ view }: { view: View }) {
  const { priced } = view;
  const base = `/projects/${view.projectId}`;
  const [all, ...rest] = view.groups;
  return (
    <div className="space-y-6">
      <div className="grid gap-3 sm:grid-cols-2">
        {view.runs.map((run, i) => (
          <Card key={run.id} title={`Run ${i === 0 ? "A" : "B"}: ${run.method}`}>
            <p className="text-sm">
              <Link href={`${base}/runs/${run.id}`} className="text-indigo-700 hover:underline">
                {run.name || run.id}
              </Link>{" "}
              <Badge>{run.status.replaceAll("_", " ")}</Badge>
            </p>
            <p className="mt-1 text-xs text-zinc-500">
              Weights:{" "}
              {Object.entries(run.weights)
                .filter(([, w]) => w > 0)
                .map(([op, w]) => `${op.replaceAll("_", " ")} ${Math.round(w * 100)} %`)
                .join(", ")}
            </p>
          </Card>
        ))}
      </div>
      <p className="max-w-4xl text-xs text-zinc-500" data-testid="comparison-legend">
        Each rate is shown with its 95 % Wilson interval and its counts. A difference is marked{" "}
        <span className="rounded bg-amber-200 px-1 font-semibold text-amber-900">differs</span> only where the two
        intervals do not overlap; overlapping intervals are not evidence of a difference. Acceptance counts reviewed
        nodes (accepted, rejected or disputed). Difficulty change is a node&apos;s score minus its parent&apos;s where
        both were scored (seeds are not); words added compare the instruction with its parent&apos;s. Calls and{" "}
        {priced ? "cost" : "tokens"} per accepted node divide all the group spent, eliminated work included, by its
        accepted nodes.
      </p>
      <ComparisonGroupTable group={all} priced={priced} />
      <div className="grid gap-6 xl:grid-cols-2">
        {rest.map((group) => (
          <ComparisonGroupTable key={group.key} group={group} priced={priced} />
        ))}
      </div>
    </div>
  );
}
