"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { bulkDecideAction } from "@/lib/actions/review/bulk-decide";
import { countBulkScopeAction } from "@/lib/actions/review/count-bulk-scope";
import { undoBulkAction } from "@/lib/actions/review/undo-bulk";
import { bulkOverLimit } from "@/lib/review/bulk-limit";
import type { BulkScopeInput } from "./bulk-scope-input";

/**
 * A bulk accept/reject: counts the nodes first, asks to confirm that count,
 * then offers to undo. An annotator is not offered more nodes than the
 * project's bulk limit: the button is off with the reason beside it when the
 * page knows the count, and the count says so otherwise (the server refuses
 * either way).
 */
export function BulkButton(props: {
  projectId: string;
  scope: BulkScopeInput;
  decision: "accept" | "reject";
  label: string;
  disabled?: boolean;
  /** The most nodes this user may decide at once; null: no limit (admins). */
  limit: number | null;
  /** The scope's size when the page knows it (at least this many, when the count was capped). */
  knownCount?: number;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [done, setDone] = useState<{ id: string; count: number } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const verb = props.decision === "accept" ? "Accept" : "Reject";
  const overLimit = isOverLimit(props);

  return (
    <span className="inline-flex flex-col gap-2">
      <Button
        variant={props.decision === "accept" ? "secondary" : "danger"}
        disabled={props.disabled || overLimit || pending}
        title={overLimit ? "Admins only: more nodes than annotators may decide at once" : undefined}
        onClick={() =>
          startTransition(async () => {
            const result = await countBulkScopeAction({ projectId: props.projectId, scope: props.scope });
            if (!result.ok) return setMessage({ tone: "error", text: result.error });
            const { count, limit } = result.data;
            if (limit !== null && count > limit)
              return setMessage({ tone: "error", text: bulkOverLimit(count, limit) });
            setConfirming(count);
          })
        }
      >
        {props.label}
      </Button>

      {confirming !== null ? (
        <div
          role="alertdialog"
          aria-label="Confirm bulk action"
          className="rounded-md border border-zinc-300 bg-white p-3 text-sm shadow"
        >
          <p>
            {verb} <strong data-testid="bulk-count">{confirming.toLocaleString("en-US")}</strong> node(s)? You can undo
            it afterwards.
          </p>
          <div className="mt-2 flex gap-2">
            <Button
              variant={props.decision === "accept" ? "primary" : "danger"}
              disabled={pending || confirming === 0}
              onClick={() =>
                startTransition(async () => {
                  const result = await bulkDecideAction({
                    projectId: props.projectId,
                    decision: props.decision,
                    scope: props.scope,
                    expectedCount: confirming,
                  });
                  setConfirming(null);
                  if (!result.ok) return setMessage({ tone: "error", text: result.error });
                  setDone({ id: result.data.bulkActionId, count: result.data.count });
                  setMessage({
                    tone: "success",
                    text: `${verb}ed ${result.data.count.toLocaleString("en-US")} node(s).`,
                  });
                  router.refresh();
                })
              }
            >
              {verb} {confirming.toLocaleString("en-US")}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {message ? (
        <Alert tone={message.tone}>
          {message.text}{" "}
          {done ? (
            <button
              type="button"
              className="font-medium underline"
              onClick={() =>
                startTransition(async () => {
                  const result = await undoBulkAction({ projectId: props.projectId, bulkActionId: done.id });
                  setDone(null);
                  setMessage(
                    result.ok
                      ? {
                          tone: "success",
                          text: `Undone: ${result.data.count.toLocaleString("en-US")} decision(s) taken back.`,
                        }
                      : { tone: "error", text: result.error },
                  );
                  router.refresh();
                })
              }
            >
              Undo
            </button>
          ) : null}
        </Alert>
      ) : null}
    </span>
  );
}

function isOverLimit(props: { limit: number | null; knownCount?: number }): boolean {
  return props.limit !== null && props.knownCount !== undefined && props.knownCount > props.limit;
}

/** Why the bulk buttons beside it are off for this annotator (nothing when they are not). */
export function BulkLimitNote(props: { limit: number | null; knownCount?: number }) {
  if (!isOverLimit(props)) return null;
  return (
    <p className="text-xs text-zinc-500" data-testid="bulk-over-limit">
      Bulk decisions over more than {props.limit!.toLocaleString("en-US")} nodes are for admins in this project.
    </p>
  );
}
