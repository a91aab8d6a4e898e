"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useShallow } from "zustand/react/shallow";
import { useDecisionStore } from "@/lib/stores/use-decision-store";

/**
 * What became of the decisions sent in the background: a quiet line while any
 * is on its way (closing the tab then asks first: the store sees to that), and
 * for each that failed or met another reviewer's decision a message with a
 * link back to its node, until dismissed.
 */
export function DecisionNotices({ nodeId }: { nodeId: string }) {
  // Decisions on other nodes than the one shown: a decision on this one is made as the view leaves it, and showing
  // it here would re-render a page on its way out, holding the next node back (measured: BENCHMARKS.md, "In the
  // browser"). The next node's page shows it from its first render.
  const pending = useDecisionStore(useShallow((s) => s.pending.filter((p) => p.nodeId !== nodeId)));
  const notices = useDecisionStore((s) => s.notices);
  const dismiss = useDecisionStore((s) => s.dismiss);

  if (pending.length === 0 && notices.length === 0) return null;
  return (
    <div className="space-y-2">
      {pending.length > 0 ? (
        <p className="text-xs text-zinc-500" data-testid="decisions-saving" aria-live="polite">
          Saving{" "}
          {pending.length === 1
            ? `your ${pending[0]!.decision} of “${pending[0]!.label}”`
            : `${pending.length} decisions`}
          …
        </p>
      ) : null}
      {notices.map((notice) => (
        <Alert key={notice.id} tone={notice.tone}>
          <div className="flex flex-wrap items-start justify-between gap-2" data-testid="decision-notice">
            <span>
              {notice.text}{" "}
              <Link href={notice.href} className="font-medium underline" onClick={() => dismiss(notice.id)}>
                Open it
              </Link>
            </span>
            <Button variant="ghost" onClick={() => dismiss(notice.id)} title="Dismiss">
              Dismiss
            </Button>
          </div>
        </Alert>
      ))}
    </div>
  );
}
