import type { ReactNode } from "react";
import { BulkButton, BulkLimitNote } from "@/components/review/bulk-button";
import { Button } from "@/components/ui/button";
import type { QueueTotal } from "@/lib/server/review/list-review-queue";
import type { ReviewQueueFilter } from "@/lib/validation/review";

/** The two bulk actions on every match, as their buttons say them (also while the count is pending). */
const BULK_DECISIONS = [
  { decision: "accept", label: "Accept all matching…" },
  { decision: "reject", label: "Reject all matching…" },
] as const;

type CountProps = {
  projectId: string;
  filter: ReviewQueueFilter;
  /** The most nodes this user may decide at once; null: no limit (admins). */
  bulkLimit: number | null;
};

/**
 * The queue's "N nodes match" line with the bulk buttons and the bulk-limit
 * note, once the count arrives: the review page renders it in a Suspense
 * boundary (QueueCountPending meanwhile), so the list never waits for it
 * (decision 0048). A count that fails says so in its place; the list stays.
 */
export async function QueueCount({ total, ...props }: CountProps & { total: Promise<QueueTotal> }) {
  let known: QueueTotal;
  try {
    known = await total;
  } catch (error) {
    console.error("[review queue] counting the matches failed:", error);
    return (
      <CountRow>
        <p className="text-sm text-red-700" role="alert" data-testid="queue-count-failed">
          Could not count the matching nodes; reload the page to try again.
        </p>
        <PendingButtons />
      </CountRow>
    );
  }
  const scope = { kind: "filter" as const, filter: props.filter };
  return (
    <>
      <CountRow>
        <p className="text-sm text-zinc-600" data-testid="queue-count">
          {known.count.toLocaleString("en-US")}
          {known.capped ? "+" : ""} nodes match
        </p>
        <div className="flex flex-wrap items-start gap-2">
          {BULK_DECISIONS.map(({ decision, label }) => (
            <BulkButton
              key={decision}
              projectId={props.projectId}
              scope={scope}
              decision={decision}
              label={label}
              disabled={known.count === 0}
              limit={props.bulkLimit}
              knownCount={known.count}
            />
          ))}
        </div>
      </CountRow>
      <BulkLimitNote limit={props.bulkLimit} knownCount={known.count} />
    </>
  );
}

/** What shows until the count arrives: the same row, the buttons off (they would not know the count yet). */
export function QueueCountPending() {
  return (
    <CountRow>
      <p className="text-sm text-zinc-500" aria-busy="true" data-testid="queue-count-pending">
        Counting matches…
      </p>
      <PendingButtons />
    </CountRow>
  );
}

function CountRow({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-start justify-between gap-3">{children}</div>;
}

function PendingButtons() {
  return (
    <div className="flex flex-wrap items-start gap-2">
      {BULK_DECISIONS.map(({ decision, label }) => (
        // As BulkButton shows them.
        <Button key={decision} variant={decision === "accept" ? "secondary" : "danger"} disabled>
          {label}
        </Button>
      ))}
    </div>
  );
}
