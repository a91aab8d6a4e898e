"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useDecisionStore } from "@/lib/stores/use-decision-store";

/**
 * What became of the decisions sent in the background: a quiet line while any
 * is on its way (and a warning before the tab is closed then), and for each
 * that failed or met another reviewer's decision a message with a link back
 * to its node, until dismissed.
 */
export function DecisionNotices() {
  const pending = useDecisionStore((s) => s.pending);
  const notices = useDecisionStore((s) => s.notices);
  const dismiss = useDecisionStore((s) => s.dismiss);

  useEffect(() => {
    if (pending.length === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [pending.length]);

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
