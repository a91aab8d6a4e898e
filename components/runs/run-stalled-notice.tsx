"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { retryFailedStepsAction } from "@/lib/actions/runs/retry-failed-steps";
import type { StalledSteps } from "@/lib/server/runs/get-stalled-steps";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Steps that failed on their worker (not the LLM's doing), grouped by reason.
 * Once nothing else is open the run is stalled; an admin requeues the steps
 * (after fixing the cause, e.g. the worker's OPENAI_API_KEY) and the run goes on.
 */
export function RunStalledNotice(props: {
  runId: string;
  status: string;
  stalled: StalledSteps;
  canRetry: boolean;
  onRetried: () => void;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { failed, reasons, release } = props.stalled;
  const retry = () =>
    startTransition(async () => {
      const result = await retryFailedStepsAction({ runId: props.runId });
      if (!result.ok) return setError(result.error);
      setError(null);
      props.onRetried();
      router.refresh();
    });
  const steps = `${fmt(failed)} step${failed === 1 ? "" : "s"}`;
  return (
    <Alert tone={props.status === "stalled" ? "error" : "warning"}>
      <div className="space-y-2" data-testid="run-stalled">
        {release ? (
          <p className="font-medium">
            {props.status === "stalled" ? "Stalled: " : ""}
            round {release.round}&apos;s steps could not all be created: {release.reason}
          </p>
        ) : null}
        {failed > 0 ? (
          <>
            <p className="font-medium">
              {props.status === "stalled" && !release ? "Stalled: " : ""}
              {steps} failed on the worker because:
            </p>
            <ul className="list-disc space-y-0.5 pl-5 text-xs">
              {reasons.map((r) => (
                <li key={r.reason}>
                  {r.reason} <span className="text-zinc-500">({fmt(r.steps)})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {props.canRetry ? (
          <div className="flex items-center gap-3">
            <Button disabled={pending} onClick={retry}>
              {release ? "Retry" : "Retry failed steps"}
            </Button>
            {error ? (
              <span role="alert" className="text-xs text-red-600">
                {error}
              </span>
            ) : null}
          </div>
        ) : null}
      </div>
    </Alert>
  );
}
