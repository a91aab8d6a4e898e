import { Card } from "@/components/ui/card";
import type { NodeDetail } from "@/lib/server/review/get-node-detail";
import { RevealDecisionsSwitch } from "./reveal-decisions-switch";

type Entry = { at: Date; key: string; text: string; detail?: string; struck?: boolean };

/**
 * Every decision and edit on the node, oldest first; nothing is ever removed
 * from it. Until the viewer decides, other reviewers' decisions are not in it
 * (the server leaves them out); admins have a switch to show them.
 */
export function NodeHistory({ reviews, edits, blind }: Pick<NodeDetail, "reviews" | "edits" | "blind">) {
  const entries: Entry[] = [
    ...reviews.map((r) => ({
      at: r.at,
      key: `r${r.id}`,
      text: `${r.reviewer} (${r.reviewerRole}) ${r.decision === "accept" ? "accepted" : "rejected"}${r.bulk ? " in a bulk action" : ""}${r.revoked ? " — undone" : ""}`,
      detail: [r.reasonTags.join(", "), r.note].filter(Boolean).join(" · ") || undefined,
      struck: r.revoked,
    })),
    ...edits.map((e) => ({
      at: e.at,
      key: `e${e.id}`,
      text: `${e.editor} edited the ${e.field === "output" ? "answer" : "instruction"}`,
      detail: `before: ${e.before.slice(0, 300)}${e.before.length > 300 ? "…" : ""}`,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <Card title="History" actions={blind.canReveal ? <RevealDecisionsSwitch revealed={blind.revealed} /> : undefined}>
      {blind.othersHidden ? (
        <p className="mb-2 text-xs text-zinc-500" data-testid="decisions-hidden">
          Other reviewers&apos; decisions on this node are hidden until you decide it, so your judgement stays your own.
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-500">No decisions or edits yet.</p>
      ) : (
        <ol className="space-y-1 text-sm" data-testid="node-history">
          {entries.map((e) => (
            <li key={e.key} className={e.struck ? "text-zinc-400 line-through" : ""}>
              <span className="mr-2 text-xs text-zinc-400">{e.at.toISOString().slice(0, 19).replace("T", " ")}</span>
              {e.text}
              {e.detail ? (
                <span className="block whitespace-pre-wrap pl-4 text-xs text-zinc-500">{e.detail}</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
