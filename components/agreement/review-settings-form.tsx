"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { setReviewSettingsAction } from "@/lib/actions/projects/set-review-settings";

export function ReviewSettingsForm(props: {
  projectId: string;
  statusRule: "admin_word" | "majority";
  majorityK: number;
  overlapShare: number;
}) {
  const router = useRouter();
  const [rule, setRule] = useState(props.statusRule);
  const [k, setK] = useState(props.majorityK);
  const [overlap, setOverlap] = useState(Math.round(props.overlapShare * 10_000) / 100);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await setReviewSettingsAction({
            projectId: props.projectId,
            statusRule: rule,
            majorityK: k,
            overlapPercent: overlap,
          });
          setMessage(
            result.ok
              ? {
                  tone: "success",
                  text: `Saved; ${result.data.recomputed.toLocaleString("en-US")} reviewed node(s) re-evaluated.`,
                }
              : { tone: "error", text: result.error },
          );
          router.refresh();
        });
      }}
    >
      <label className="flex items-start gap-2">
        <input
          type="radio"
          name="rule"
          className="mt-1"
          checked={rule === "admin_word"}
          onChange={() => setRule("admin_word")}
        />
        <span>
          <span className="font-medium">Admin&apos;s word</span>
          <span className="block text-xs text-zinc-500">
            An admin&apos;s latest decision decides; without one, the latest decision of anyone.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2">
        <input
          type="radio"
          name="rule"
          className="mt-1"
          checked={rule === "majority"}
          onChange={() => setRule("majority")}
        />
        <span>
          <span className="font-medium">Majority of</span>{" "}
          <input
            type="number"
            min={1}
            max={10}
            value={k}
            aria-label="Reviewers needed"
            onChange={(e) => setK(Number(e.currentTarget.value))}
            className="w-14 rounded border border-zinc-300 px-1"
          />{" "}
          reviewers
          <span className="block text-xs text-zinc-500">
            Unreviewed until that many have decided; a tie is “disputed”. An admin&apos;s decision still overrides.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2 border-t border-zinc-100 pt-2">
        <span>
          <span className="font-medium">Overlap:</span>{" "}
          <input
            type="number"
            min={0}
            max={100}
            step="any"
            value={overlap}
            aria-label="Overlap percent"
            onChange={(e) => setOverlap(Number(e.currentTarget.value))}
            className="w-16 rounded border border-zinc-300 px-1"
          />{" "}
          % of nodes also go to a second annotator
          <span className="block text-xs text-zinc-500">
            Always the same nodes (drawn from their ids); they stay in “Waiting for me” for other annotators until two
            have decided, which is what Cohen&apos;s κ above is measured on.
          </span>
        </span>
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Save settings
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </form>
  );
}
