"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { setReviewLimitsAction } from "@/lib/actions/projects/set-review-limits";
import { REDO_WINDOW_HOURS } from "@/lib/review/redo-quota";
import type { ReviewLimits } from "@/lib/server/projects/get-review-limits";

/** An admin's limits on what annotators do on their own: redo (paid LLM calls) and bulk decisions. */
export function ReviewLimitsForm(props: { projectId: string } & ReviewLimits) {
  const router = useRouter();
  const [redo, setRedo] = useState(props.annotatorRedo);
  const [quota, setQuota] = useState(String(props.annotatorRedoDailyQuota));
  const [bulkLimit, setBulkLimit] = useState(String(props.annotatorBulkLimit));
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await setReviewLimitsAction({
            projectId: props.projectId,
            annotatorRedo: redo,
            annotatorRedoDailyQuota: quota,
            annotatorBulkLimit: bulkLimit,
          });
          setMessage(
            result.ok ? { tone: "success", text: "Review limits saved." } : { tone: "error", text: result.error },
          );
          router.refresh();
        });
      }}
    >
      <p className="text-zinc-600">What annotators may do on their own in this project. Admins have no limits.</p>
      <label className="flex items-start gap-2">
        <input type="checkbox" className="mt-1" checked={redo} onChange={(e) => setRedo(e.currentTarget.checked)} />
        <span>
          <span className="font-medium">Annotators may start new siblings</span>
          <span className="block text-xs text-zinc-500">
            Re-evolve and re-answer run paid LLM calls; each run records who started it.
          </span>
        </span>
      </label>
      <Field
        label="New siblings per annotator"
        hint={`At most this many per annotator in any ${REDO_WINDOW_HOURS} hours (a rolling window).`}
      >
        <Input
          type="number"
          min={0}
          max={10_000}
          value={quota}
          disabled={!redo}
          onChange={(e) => setQuota(e.currentTarget.value)}
          className="max-w-32"
        />
      </Field>
      <Field
        label="Bulk limit for annotators (nodes)"
        hint="A bulk accept or reject over more nodes than this (a selection, a filter or a subtree) is for admins."
      >
        <Input
          type="number"
          min={1}
          max={50_000}
          value={bulkLimit}
          onChange={(e) => setBulkLimit(e.currentTarget.value)}
          className="max-w-32"
        />
      </Field>
      <Button type="submit" disabled={pending}>
        Save review limits
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </form>
  );
}
