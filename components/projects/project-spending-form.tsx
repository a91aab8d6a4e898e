"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { setProjectBudgetAction } from "@/lib/actions/projects/set-project-budget";

const parse = (text: string) => (text.trim() === "" ? null : Number(text));

/** The project's default spending cap: what the run form fills in for each new run. */
export function ProjectSpendingForm(props: {
  projectId: string;
  defaultMaxTokens: number | null;
  defaultMaxCostUsd: number | null;
}) {
  const router = useRouter();
  const [maxTokens, setMaxTokens] = useState(props.defaultMaxTokens === null ? "" : String(props.defaultMaxTokens));
  const [maxCostUsd, setMaxCostUsd] = useState(props.defaultMaxCostUsd === null ? "" : String(props.defaultMaxCostUsd));
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await setProjectBudgetAction({
            projectId: props.projectId,
            maxTokens: parse(maxTokens),
            maxCostUsd: parse(maxCostUsd),
          });
          if (!result.ok) return setMessage({ tone: "error", text: result.error });
          setMessage({ tone: "success", text: "Saved: new runs start with this cap." });
          router.refresh();
        });
      }}
    >
      <p className="text-sm text-zinc-600">
        The cap new runs start with; each run can change it in the run form. A capped run stops itself before a call
        could cross its cap, and goes on when an admin raises it.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Default token cap" hint="Empty: no token cap.">
          <Input
            type="number"
            min={1}
            step={1}
            value={maxTokens}
            onChange={(e) => setMaxTokens(e.currentTarget.value)}
            aria-label="Default token cap"
          />
        </Field>
        <Field label="Default cost cap (USD)" hint="Empty: no cost cap. Counted with LLM_PRICES.">
          <Input
            type="number"
            min={0.0001}
            step="any"
            value={maxCostUsd}
            onChange={(e) => setMaxCostUsd(e.currentTarget.value)}
            aria-label="Default cost cap in USD"
          />
        </Field>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save spending cap"}
      </Button>
    </form>
  );
}
