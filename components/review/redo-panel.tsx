"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { redoNodeAction } from "@/lib/actions/review/redo-node";
import { OPERATION_LABELS, OPERATIONS, type Operation } from "@/lib/evolution/operations";
import { REDO_WINDOW_HOURS, type RedoAllowance } from "@/lib/review/redo-quota";

/**
 * Re-evolve (the parent again, with another operation) or re-answer (this
 * instruction again): either adds a sibling through a one-step run; the node
 * itself is never overwritten. An annotator sees how many they have left.
 */
export function RedoPanel(props: {
  projectId: string;
  nodeId: string;
  rootId: string;
  operation: Operation;
  allowance: Extract<RedoAllowance, { allowed: true }>;
  onClose: () => void;
}) {
  const [remaining, setRemaining] = useState(props.allowance.remaining);
  const [operation, setOperation] = useState<Operation>(
    OPERATIONS.find((op) => op !== props.operation) ?? props.operation,
  );
  const [result, setResult] = useState<{ error: string } | { runId: string; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function start(kind: "re-evolve" | "re-answer") {
    startTransition(async () => {
      const base = { projectId: props.projectId, nodeId: props.nodeId };
      const outcome = await redoNodeAction(kind === "re-evolve" ? { ...base, kind, operation } : { ...base, kind });
      if (!outcome.ok) return setResult({ error: outcome.error });
      setRemaining(outcome.data.remaining);
      const what =
        kind === "re-evolve"
          ? `Re-evolving the parent with “${OPERATION_LABELS[outcome.data.operation as Operation]}”`
          : "Answering this instruction again";
      setResult({
        runId: outcome.data.runId,
        text: `${what} on ${outcome.data.endpoint}: the new sibling appears in the lineage when the step finishes.`,
      });
    });
  }

  return (
    <div className="space-y-2 rounded-md border border-indigo-200 bg-indigo-50/40 p-3" data-testid="redo-panel">
      <p className="text-xs text-zinc-600">
        Adds a new sibling; this node stays as it is.
        {props.allowance.quota !== null ? (
          <span data-testid="redo-quota">
            {" "}
            You have {remaining} of {props.allowance.quota} left in this project (per {REDO_WINDOW_HOURS} hours).
          </span>
        ) : null}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-sm">
          Operation
          <select
            aria-label="Operation"
            value={operation}
            onChange={(e) => setOperation(e.currentTarget.value as Operation)}
            className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-sm"
          >
            {OPERATIONS.map((op) => (
              <option key={op} value={op}>
                {OPERATION_LABELS[op]}
                {op === props.operation ? " (this node's)" : ""}
              </option>
            ))}
          </select>
        </label>
        <Button disabled={pending || remaining === 0} onClick={() => start("re-evolve")}>
          Re-evolve
        </Button>
        <Button variant="secondary" disabled={pending || remaining === 0} onClick={() => start("re-answer")}>
          Re-answer
        </Button>
        <Button variant="ghost" onClick={props.onClose}>
          Close
        </Button>
      </div>
      {result && "error" in result ? (
        <p role="alert" className="text-xs text-red-600">
          {result.error}
        </p>
      ) : null}
      {result && "runId" in result ? (
        <p role="status" className="text-xs text-zinc-700">
          {result.text}{" "}
          <Link className="text-indigo-700 hover:underline" href={`/projects/${props.projectId}/runs/${result.runId}`}>
            Progress
          </Link>
          {" · "}
          <Link
            className="text-indigo-700 hover:underline"
            href={`/projects/${props.projectId}/trees/${props.rootId}?node=${props.nodeId}`}
          >
            Lineage
          </Link>
        </p>
      ) : null}
    </div>
  );
}
