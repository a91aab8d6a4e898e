"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { tryMethodAction } from "@/lib/actions/methods/try-method";
import type { MethodTexts } from "@/lib/evolution/method-texts";
import { OPERATION_LABELS } from "@/lib/evolution/operations";
import type { TrialResult } from "@/lib/server/methods/try-method";

/** One step per operation on up to five samples, with the texts as they stand (nothing saved, no nodes). */
export function MethodTrial(props: {
  texts: MethodTexts;
  valid: boolean;
  samples: { instruction: string; input: string }[];
  realEndpoint: string | null;
}) {
  const [endpoint, setEndpoint] = useState<"openai" | "simulator">(props.realEndpoint ? "openai" : "simulator");
  const [results, setResults] = useState<TrialResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run() {
    startTransition(async () => {
      const result = await tryMethodAction({ texts: props.texts, samples: props.samples, endpoint });
      if (!result.ok) return setError(result.error);
      setError(null);
      setResults(result.data);
    });
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label="Endpoint to try on"
          value={endpoint}
          onChange={(e) => setEndpoint(e.currentTarget.value as "openai" | "simulator")}
          className="w-auto"
        >
          {props.realEndpoint ? <option value="openai">{props.realEndpoint}</option> : null}
          <option value="simulator">Simulator — not a real model</option>
        </Select>
        <Button variant="secondary" onClick={run} disabled={pending || !props.valid || props.samples.length === 0}>
          {pending ? "Trying…" : `Try on ${props.samples.length} ${props.samples.length === 1 ? "seed" : "seeds"}`}
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {results ? (
        <ul className="space-y-2 text-sm" data-testid="trial-results">
          {results.map((r) => (
            <li key={`${r.sample}-${r.operation}`} className="rounded border border-zinc-200 p-2">
              <div className="text-xs text-zinc-500">
                Seed {r.sample + 1} · {OPERATION_LABELS[r.operation]} ·{" "}
                {r.outcome ? (r.outcome.passed ? "passed" : `failed: ${r.outcome.failedRules.join(", ")}`) : "error"}
              </div>
              {r.outcome ? (
                <>
                  <p className="mt-1 whitespace-pre-wrap">{r.outcome.instruction}</p>
                  <p className="mt-1 whitespace-pre-wrap text-zinc-600">{r.outcome.answer ?? "(no answer)"}</p>
                  <p className="mt-1 text-xs text-zinc-500">
                    {r.outcome.eliminator.verdicts.map((v) => `${v.rule}: ${v.failed ? "failed" : "ok"}`).join(" · ")}
                  </p>
                </>
              ) : (
                <p className="mt-1 text-red-700">{r.error}</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
