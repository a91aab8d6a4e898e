import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { RunRow } from "@/lib/server/runs/list-runs";
import { startedByText } from "./started-by";

export function RunList({ projectId, runs }: { projectId: string; runs: RunRow[] }) {
  if (runs.length === 0) return <p className="text-sm text-zinc-500">No runs yet.</p>;
  return (
    <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white">
      {runs.map((run) => (
        <li
          key={run.id}
          className="flex flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm"
          data-testid="run-row"
        >
          <div>
            <Link
              href={`/projects/${projectId}/runs/${run.id}`}
              className="font-medium text-indigo-700 hover:underline"
            >
              {run.name}
            </Link>
            <span className="ml-2 text-xs text-zinc-500">
              {run.rounds} rounds · {run.mode}
              {run.batch ? " · Batch API" : ""}
              {run.method ? ` · method ${run.method}` : ""} · {run.endpoint} ·{" "}
              {run.createdAt.toISOString().slice(0, 16).replace("T", " ")} ·{" "}
              <span data-testid="run-started-by">{startedByText(run.startedBy)}</span>
            </span>
          </div>
          <div className="flex items-center gap-3 text-xs text-zinc-600">
            <span className="tabular-nums">
              {run.finished.toLocaleString("en-US")} evolved · {run.passed.toLocaleString("en-US")} passed
            </span>
            <Badge
              tone={
                run.status === "completed"
                  ? "green"
                  : run.status === "cancelled"
                    ? "red"
                    : run.status === "running"
                      ? "indigo"
                      : "amber"
              }
            >
              {run.status.replace("_", " ")}
            </Badge>
          </div>
        </li>
      ))}
    </ul>
  );
}
