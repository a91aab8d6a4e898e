"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { controlRunAction } from "@/lib/actions/runs/control-run";

type Command = "pause" | "resume" | "cancel" | "release";

export function RunControls(props: {
  runId: string;
  status: string;
  currentRound: number;
  rounds: number;
  onChange: (status: string) => void;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (command: Command) =>
    startTransition(async () => {
      if (
        command === "cancel" &&
        !window.confirm("Cancel this run? Finished evolutions are kept; nothing else will be evolved.")
      )
        return;
      const result = await controlRunAction({ runId: props.runId, command });
      if (!result.ok) return setError(result.error);
      setError(null);
      props.onChange(result.data.status);
      router.refresh();
    });
  const { status } = props;
  return (
    <span className="inline-flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
      {status === "running" ? (
        <Button variant="secondary" disabled={pending} onClick={() => send("pause")}>
          Pause
        </Button>
      ) : null}
      {status === "paused" ? (
        <Button disabled={pending} onClick={() => send("resume")}>
          Resume
        </Button>
      ) : null}
      {status === "waiting_review" ? (
        <Button disabled={pending} onClick={() => send("release")}>
          Release round {props.currentRound + 1}
        </Button>
      ) : null}
      {["queued", "running", "paused", "waiting_review", "budget_reached", "stalled"].includes(status) ? (
        <Button variant="danger" disabled={pending} onClick={() => send("cancel")}>
          Cancel run
        </Button>
      ) : null}
    </span>
  );
}
