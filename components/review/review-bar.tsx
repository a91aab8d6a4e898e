"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { decideNodeAction } from "@/lib/actions/review/decide-node";
import type { Operation } from "@/lib/evolution/operations";
import type { RedoAllowance } from "@/lib/review/redo-quota";
import { useDecisionStore } from "@/lib/stores/use-decision-store";
import { REASON_LABELS, REASON_TAGS } from "@/lib/validation/review";
import { DecisionNotices } from "./decision-notices";
import { EditPanel } from "./edit-panel";
import { releaseHeldDecisions, sendDecision, sendOnceShown } from "./send-decision";
import { RedoPanel } from "./redo-panel";
import { ShortcutsOverlay } from "./shortcuts-overlay";

type DecideInput = Exclude<Parameters<typeof decideNodeAction>[0], FormData>;
type Panel = null | "reject" | "edit" | "redo" | "help";
type Tag = (typeof REASON_TAGS)[number];

/** Another reviewer's decision that came first, as the decide action reports it. */
function conflictText(conflict: { reviewer: string; decision: string; at: Date | string }, what: string): string {
  const verb = conflict.decision === "accept" ? "accepted" : "rejected";
  const at = new Date(conflict.at).toLocaleTimeString();
  return `${conflict.reviewer} ${verb} ${what} at ${at} while you were looking. Both decisions are kept in the history`;
}

/**
 * Accept, reject (with reason tags and a note) and edit, by mouse or by one
 * key each; after a decision the view moves on to `nextHref` at once, the
 * decision confirmed in the background.
 */
export function ReviewBar(props: {
  projectId: string;
  nodeId: string;
  rootId: string;
  /** The node's operation; null for seeds, which cannot be redone as a sibling. */
  operation: Operation | null;
  /** Whether this viewer may start a new sibling here (paid LLM calls): not offered at all when not. */
  redo: RedoAllowance;
  latestReviewId: string | null;
  /** When the page hid other reviewers' decisions, the time it was rendered (decisions after it are reported). */
  seenAt: string | null;
  /** The texts to edit (their start when long) and their full lengths: a text over NODE_TEXT_LIMIT is not editable here. */
  instruction: string;
  output: string;
  lengths: { instruction: number; output: number };
  nextHref: string | null;
}) {
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>(null);
  const [tags, setTags] = useState<Tag[]>([]);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "warning" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const redoOperation = props.redo.allowed ? props.operation : null;
  const beginDecision = useDecisionStore((s) => s.begin);
  const settleDecision = useDecisionStore((s) => s.settle);
  const savedHere = useDecisionStore((s) => s.saved[props.nodeId]);
  const movedOn = useRef(false);

  function decide(decision: "accept" | "reject") {
    const input: DecideInput = {
      projectId: props.projectId,
      nodeId: props.nodeId,
      decision,
      reasonTags: decision === "reject" ? tags : [],
      note: decision === "reject" ? note : "",
      seenReviewId: props.latestReviewId,
      seenAt: props.seenAt,
    };
    if (props.nextHref) return decideAndMoveOn(input, props.nextHref);
    startTransition(async () => {
      const result = await decideNodeAction(input);
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setPanel(null);
      setTags([]);
      setNote("");
      const { conflict, humanStatus } = result.data;
      setMessage(
        conflict
          ? { tone: "warning", text: `${conflictText(conflict, "this node")}; the node is now ${humanStatus}.` }
          : {
              tone: "success",
              text: `${decision === "accept" ? "Accepted" : "Rejected"}: the node is ${humanStatus}.`,
            },
      );
      router.refresh();
    });
  }

  /**
   * Shows the next node at once (prefetched: QueueKeys) and confirms the
   * decision in the background: the request leaves once the next node is on
   * screen, as a plain fetch (a server action would hold the navigation until
   * it answered, React entangling the two); a failure or another reviewer's
   * decision comes back as a notice with a link to this node (DecisionNotices),
   * and a saved decision's status is shown wherever this node is shown again
   * (NodeStatusBadge), even from a copy prefetched before it was saved.
   */
  function decideAndMoveOn(input: DecideInput, nextHref: string) {
    // A second key press before the next node shows must not decide this node twice.
    if (movedOn.current) return;
    movedOn.current = true;
    // A text too long to edit is not on the page's props: named by its position then.
    const label = props.instruction
      ? props.instruction.slice(0, 60) + (props.instruction.length > 60 ? "…" : "")
      : "a long node";
    const sent = beginDecision({ nodeId: props.nodeId, decision: input.decision, label, href: window.location.href });
    router.replace(nextHref, { scroll: false });
    sendOnceShown(() => void sendDecision(input).then(settle, lost));
    function settle(result: Awaited<ReturnType<typeof sendDecision>>) {
      if (!result.ok) {
        settleDecision(sent.id, {
          saved: null,
          notice: {
            tone: "error",
            text: `Your ${sent.decision} of “${label}” did not go through: ${result.error} The node is unchanged.`,
            href: sent.href,
          },
        });
      } else {
        const { conflict, humanStatus, at } = result.data;
        settleDecision(sent.id, {
          saved: { humanStatus, at },
          notice: conflict
            ? {
                tone: "warning",
                text: `${conflictText(conflict, `“${label}”`)}; it is now ${humanStatus}.`,
                href: sent.href,
              }
            : null,
        });
      }
      // No router.refresh() on success: it would hold the next navigation (the reviewer's next key) until it
      // answered. A page of this node prefetched or visited before may still carry its old status; the status
      // badge and the bar there read the saved decision from the store.
      if (!result.ok || result.data.conflict) router.refresh();
    }
    function lost() {
      settleDecision(sent.id, {
        saved: null,
        notice: {
          tone: "error",
          text: `Your ${sent.decision} of “${label}” could not be sent (the connection was lost). The node is unchanged.`,
          href: sent.href,
        },
      });
    }
  }

  // This node is shown: a decision on the one before, held until now, leaves.
  useEffect(() => releaseHeldDecisions(), []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "Escape") return setPanel(null);
      if ((event.target as HTMLElement | null)?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (event.key === "a") decide("accept");
      else if (event.key === "r") setPanel("reject");
      else if (event.key === "e") setPanel("edit");
      else if (event.key === "s" && redoOperation) setPanel("redo");
      else if (event.key === "?") setPanel((p) => (p === "help" ? null : "help"));
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="space-y-2" data-testid="review-bar">
      <div className="flex flex-wrap items-center gap-2">
        <Button disabled={pending} onClick={() => decide("accept")} title="Accept (a)">
          Accept <kbd className="text-xs opacity-70">a</kbd>
        </Button>
        <Button variant="danger" disabled={pending} onClick={() => setPanel("reject")} title="Reject (r)">
          Reject <kbd className="text-xs opacity-70">r</kbd>
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => setPanel("edit")} title="Edit (e)">
          Edit <kbd className="text-xs opacity-70">e</kbd>
        </Button>
        {redoOperation ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => setPanel("redo")}
            title="Re-evolve or re-answer as a new sibling (s)"
          >
            New sibling <kbd className="text-xs opacity-70">s</kbd>
          </Button>
        ) : null}
        <Button variant="ghost" onClick={() => setPanel("help")} title="Keyboard shortcuts (?)">
          ?
        </Button>
      </div>
      <DecisionNotices nodeId={props.nodeId} />
      {savedHere && !message ? (
        <Alert tone="success">
          You {savedHere.decision === "accept" ? "accepted" : "rejected"} this node; it is saved.
        </Alert>
      ) : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {panel === "reject" ? (
        <form
          className="space-y-2 rounded-md border border-red-200 bg-red-50/50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            decide("reject");
          }}
        >
          <fieldset className="flex flex-wrap gap-2">
            <legend className="mb-1 text-xs font-medium text-zinc-700">Why? (optional)</legend>
            {REASON_TAGS.map((tag) => (
              <label
                key={tag}
                className="flex items-center gap-1 rounded bg-white px-2 py-0.5 text-xs ring-1 ring-zinc-200"
              >
                <input
                  type="checkbox"
                  checked={tags.includes(tag)}
                  onChange={(e) => setTags(e.currentTarget.checked ? [...tags, tag] : tags.filter((t) => t !== tag))}
                />
                {REASON_LABELS[tag]}
              </label>
            ))}
          </fieldset>
          <textarea
            autoFocus
            aria-label="Note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                decide("reject");
              }
            }}
            rows={2}
            placeholder="Note (Enter rejects, Shift+Enter for a new line, Esc cancels)"
            className="w-full rounded border border-zinc-300 px-2 py-1 text-sm"
          />
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              Reject
            </Button>
            <Button variant="ghost" onClick={() => setPanel(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {panel === "edit" ? (
        <EditPanel
          projectId={props.projectId}
          nodeId={props.nodeId}
          instruction={props.instruction}
          output={props.output}
          lengths={props.lengths}
          onDone={() => {
            setPanel(null);
            router.refresh();
          }}
        />
      ) : null}
      {panel === "redo" && redoOperation && props.redo.allowed ? (
        <RedoPanel
          projectId={props.projectId}
          nodeId={props.nodeId}
          rootId={props.rootId}
          operation={redoOperation}
          allowance={props.redo}
          onClose={() => setPanel(null)}
        />
      ) : null}
      {panel === "help" ? <ShortcutsOverlay canRedo={props.redo.allowed} onClose={() => setPanel(null)} /> : null}
    </div>
  );
}
