import { ButtonLink } from "@/components/ui/button-link";
import { BUCKET_LABELS } from "@/lib/eval-sets/difficulty-buckets";
import type { EvalSetRow } from "@/lib/server/eval-sets/list-eval-sets";
import { DeleteEvalSetButton } from "./delete-eval-set-button";

const fmt = (n: number) => n.toLocaleString("en-US");

/** Each set: what it drew per bucket and skill (and any shortfall), whether it is held out, export and delete. */
export function EvalSetList({ projectId, sets }: { projectId: string; sets: EvalSetRow[] }) {
  if (sets.length === 0) return <p className="text-sm text-zinc-500">No evaluation set yet.</p>;
  return (
    <ul className="space-y-3">
      {sets.map((set) => (
        <li
          key={set.id}
          data-testid="eval-set"
          data-eval-set-id={set.id}
          className="rounded-lg border border-zinc-200 bg-white p-4"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <div>
              <span className="font-semibold">{set.name}</span>{" "}
              <span className="text-sm text-zinc-600" data-testid="eval-set-count">
                {fmt(set.nodeCount)} nodes
              </span>
              {set.holdOut ? (
                <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">held out</span>
              ) : null}
              <span className="ml-2 text-xs text-zinc-500">
                seed {set.seed} · {set.by} · {set.createdAt.slice(0, 16).replace("T", " ")}
              </span>
            </div>
            <div className="flex items-center gap-3">
              <ButtonLink href={`/projects/${projectId}/export?evalSet=${set.id}`} variant="secondary">
                Export
              </ButtonLink>
              <DeleteEvalSetButton projectId={projectId} evalSetId={set.id} name={set.name} />
            </div>
          </div>
          <ul className="mt-2 space-y-0.5 text-sm text-zinc-700">
            {set.report.buckets.map((b) => (
              <li key={b.bucket} data-testid={`eval-set-${b.bucket}`}>
                <span className="font-medium">{BUCKET_LABELS[b.bucket]}</span>: {fmt(b.drawn)} of {fmt(b.requested)}{" "}
                asked
                {b.shortfall ? <span className="text-amber-700"> ({fmt(b.shortfall)} short)</span> : null}
                {b.skills.some((s) => s.drawn) ? (
                  <span className="text-zinc-500">
                    {" "}
                    ·{" "}
                    {b.skills
                      .filter((s) => s.drawn)
                      .map((s) => `${s.skill} ${fmt(s.drawn)}`)
                      .join(", ")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
