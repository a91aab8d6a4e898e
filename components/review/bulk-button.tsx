"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { bulkDecideAction } from "@/lib/actions/review/bulk-decide";
import { countBulkScopeAction } from "@/lib/actions/review/count-bulk-scope";
import { undoBulkAction } from "@/lib/actions/review/undo-bulk";
import type { BulkScopeInput } from "./bulk-scope-input";

/**
 * A bulk accept/reject: counts the nodes first, asks to confirm that count,
 * then offers to undo.
 */
export function BulkButton(props: {
  projectId: string;
  scope: BulkScopeInput;
  decision: "accept" | "reject";
  label: string;
  disabled?: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [done, setDone] = useState<{ id: string; count: number } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const verb = props.decision === "accept" ? "Accept" : "Reject";

  return (
    <span className="inline-flex flex-col gap-2">
      <Button
        variant={props.decision === "accept" ? "secondary" : "danger"}
        disabled={props.disabled || pending}
        onClick={() =>
          startTransition(async () => {
            const result = await countBulkScopeAction({ projectId: props.projectId, scope: props.scope });
            if (!result.ok) return setMessage({ tone: "error", text: result.error });
            setConfirming(result.data.count);
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
