"use client";

import { HumanStatusBadge } from "@/components/tree/node-badges";
import { useDecisionStore } from "@/lib/stores/use-decision-store";

/**
 * A node's human status as its page was read (`readAt`), or as a decision this reviewer made in the background
 * since left it: a page prefetched or visited before that decision was saved is shown from the browser's copy,
 * which does not have it.
 */
export function NodeStatusBadge({ nodeId, status, readAt }: { nodeId: string; status: string; readAt: string }) {
  const saved = useDecisionStore((s) => s.saved[nodeId]);
  const shown = saved && Date.parse(saved.at) > Date.parse(readAt) ? saved.humanStatus : status;
  return (
    <span className="contents" data-testid="human-status" data-status={shown}>
      <HumanStatusBadge status={shown} />
    </span>
  );
}
