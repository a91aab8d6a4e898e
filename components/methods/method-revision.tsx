"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { WordDiffView } from "@/components/review/word-diff-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { saveMethodVersionAction } from "@/lib/actions/methods/save-method-version";
import { suggestMethodRevisionAction } from "@/lib/actions/methods/suggest-method-revision";
import type { InDepthOperation } from "@/lib/evolution/method-texts";
import { IN_DEPTH_OPERATIONS, OPERATION_LABELS } from "@/lib/evolution/operations";
import type { RefineCase } from "@/lib/evolution/refine-prompt";
import type { MethodRevisionSuggestion } from "@/lib/server/methods/suggest-method-revision";

type Totals = Record<InDepthOperation, { eliminated: number; rejected: number }>;

/** "Suggest a revision": the optimizer's sentences as a word diff, with the failures they answer, and accepting them. */
export function MethodRevision(props: {
  methodId: string;
  versionId: string;
  version: number;
  builtIn: boolean;
  totals: Totals;
  realEndpoint: string | null;
  defaultModel: string;
}) {
  const router = useRouter();
  const [endpoint, setEndpoint] = useState<"openai" | "simulator">(props.realEndpoint ? "openai" : "simulator");
  const [model, setModel] = useState(props.defaultModel);
  const [suggestion, setSuggestion] = useState<MethodRevisionSuggestion | null>(null);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const failures = IN_DEPTH_OPERATIONS.reduce(
    (sum, op) => sum + props.totals[op as InDepthOperation].eliminated + props.totals[op as InDepthOperation].rejected,
    0,
  );

  function suggest() {
    startTransition(async () => {
      const result = await suggestMethodRevisionAction({
        methodVersionId: props.versionId,
        endpoint,
        ...(endpoint === "openai" && model.trim() ? { model: model.trim() } : {}),
      });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage(null);
      setSuggestion(result.data);
      const count = result.data.cases.length;
      setNote(
        `Revised by the optimizer (${result.data.model}) from ${count} ${count === 1 ? "failure" : "failures"} of v${props.version}.`,
      );
    });
  }

  function accept() {
    if (!suggestion) return;
    startTransition(async () => {
      const result = await saveMethodVersionAction({
        methodId: props.methodId,
        texts: suggestion.suggested,
        note,
        basedOnVersionId: suggestion.basedOn.id,
      });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage({ tone: "success", text: `Saved as version ${result.data.version}.` });
      router.refresh();
    });
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600" data-testid="revision-totals">
        {failures === 0
          ? `No in-depth evolution of v${props.version} was eliminated or rejected yet: there is nothing to learn from.`
          : `v${props.version}: ` +
            IN_DEPTH_OPERATIONS.filter(
              (op) => props.totals[op as InDepthOperation].eliminated + props.totals[op as InDepthOperation].rejected,
            )
              .map((op) => {
                const t = props.totals[op as InDepthOperation];
                return `${OPERATION_LABELS[op]} ${t.eliminated} eliminated, ${t.rejected} rejected`;
              })
              .join(" · ") +
            ". The most recent few per operation and rule go to the optimizer."}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <Select
          aria-label="Endpoint of the optimizer"
          value={endpoint}
          onChange={(e) => setEndpoint(e.currentTarget.value as "openai" | "simulator")}
          className="w-auto"
        >
          {props.realEndpoint ? <option value="openai">{props.realEndpoint}</option> : null}
          <option value="simulator">Simulator — not a real model</option>
        </Select>
        {endpoint === "openai" ? (
          <Input
            aria-label="Optimizer model"
            value={model}
            maxLength={200}
            onChange={(e) => setModel(e.currentTarget.value)}
            className="w-48"
          />
        ) : null}
        <Button variant="secondary" onClick={suggest} disabled={pending || failures === 0}>
          {pending && !suggestion ? "Asking the optimizer…" : "Suggest a revision"}
        </Button>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {suggestion ? (
        <SuggestionView
          suggestion={suggestion}
          builtIn={props.builtIn}
          note={note}
          onNote={setNote}
          onAccept={accept}
          pending={pending}
        />
      ) : null}
    </div>
  );
}

function SuggestionView(props: {
  suggestion: MethodRevisionSuggestion;
  builtIn: boolean;
  note: string;
  onNote: (note: string) => void;
  onAccept: () => void;
  pending: boolean;
}) {
  const { suggestion } = props;
  const { prompt, completion } = suggestion.tokens;
  return (
    <div className="space-y-4" data-testid="revision-suggestion">
      <p className="text-xs text-zinc-500" data-testid="revision-usage">
        {suggestion.model} ·{" "}
        {suggestion.reused
          ? "the same failures were asked about before: its stored reply, nothing paid"
          : `${prompt ?? "?"} + ${completion ?? "?"} tokens` +
            (suggestion.costUsd === null ? " (no price in LLM_PRICES)" : ` · $${suggestion.costUsd.toFixed(4)}`)}
      </p>
      {suggestion.asked.map((op) => (
        <section key={op} className="space-y-2 rounded border border-zinc-200 p-3" data-testid={`revision-${op}`}>
          <h3 className="text-sm font-semibold">How to make it harder — {OPERATION_LABELS[op]}</h3>
          {suggestion.revised.includes(op) ? (
            <WordDiffView
              before={suggestion.current.operationMethods[op]}
              after={suggestion.suggested.operationMethods[op]}
            />
          ) : (
            <p className="text-sm text-zinc-600">The optimizer kept this sentence as it is.</p>
          )}
          <details open>
            <summary className="cursor-pointer text-xs text-zinc-600">
              {failuresAnswered(suggestion.cases.filter((c) => c.operation === op).length)}
            </summary>
            <ul className="mt-1 space-y-1 text-xs">
              {suggestion.cases
                .filter((c) => c.operation === op)
                .map((c) => (
                  <CaseItem key={`${c.nodeId}-${c.rule ?? c.kind}`} failure={c} />
                ))}
            </ul>
          </details>
        </section>
      ))}
      {props.builtIn ? (
        <p className="text-sm text-zinc-600">A built-in method cannot be changed: copy it to make your own.</p>
      ) : suggestion.revised.length === 0 ? (
        <p className="text-sm text-zinc-600">The optimizer changed no sentence: there is nothing to save.</p>
      ) : (
        <div className="space-y-2">
          <Field label="Note saved with the version">
            <Input value={props.note} maxLength={500} onChange={(e) => props.onNote(e.currentTarget.value)} />
          </Field>
          <Button onClick={props.onAccept} disabled={props.pending || !props.note.trim()}>
            {`Accept as version ${suggestion.basedOn.version + 1}`}
          </Button>
        </div>
      )}
    </div>
  );
}

function failuresAnswered(count: number): string {
  return count === 1 ? "The failure it answers" : `The ${count} failures it answers`;
}

function CaseItem({ failure }: { failure: RefineCase }) {
  const why =
    failure.kind === "eliminated"
      ? `Eliminated: ${failure.rule ?? "unknown rule"}${failure.reason ? ` (${failure.reason})` : ""}`
      : `Rejected${failure.tags.length ? ` (${failure.tags.join(", ")})` : ""}${failure.note ? `: ${failure.note}` : ""}`;
  return (
    <li className="rounded bg-zinc-50 p-2" data-testid="revision-case">
      <div className="font-medium text-zinc-700">{why}</div>
      <div className="mt-0.5 whitespace-pre-wrap break-words text-zinc-600">{failure.instruction}</div>
      <Link
        href={`/projects/${failure.projectId}/review/${failure.nodeId}`}
        className="text-indigo-700 hover:underline"
      >
        Open the node
      </Link>
    </li>
  );
}
