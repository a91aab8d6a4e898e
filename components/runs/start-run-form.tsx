"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { startRunAction } from "@/lib/actions/runs/start-run";
import { useRunFormStore, type RunFormValues } from "@/lib/stores/use-run-form-store";
import { startRunSchema } from "@/lib/validation/runs";
import { EndpointPicker } from "./endpoint-picker";
import { MethodPicker, type MethodChoice } from "./method-picker";
import { OperationWeights } from "./operation-weights";
import { RuleSwitches } from "./rule-switches";
import { RunEstimate, type ModelPrices } from "./run-estimate";
import { SpendingCapFields } from "./spending-cap-fields";

export function StartRunForm(props: {
  projectId: string;
  seedCount: number;
  realEndpoint: string | null;
  defaultModels: RunFormValues["models"];
  prices: ModelPrices;
  /** The project's default cap, prefilled. */
  defaultCaps: { maxTokens: number | null; maxCostUsd: number | null };
  /** EVOL_MAX_RUN_STEPS: larger runs are refused. */
  maxRunSteps: number;
  /** LLM_BATCH_PRICE_FACTOR, for the estimate's Batch API price. */
  batchPriceFactor: number;
  methods: MethodChoice[];
}) {
  const router = useRouter();
  const { values, set, init } = useRunFormStore();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { realEndpoint, defaultModels } = props;
  const { maxTokens: defaultMaxTokens, maxCostUsd: defaultMaxCostUsd } = props.defaultCaps;
  useEffect(() => {
    init({
      endpoint: realEndpoint ? "openai" : "simulator",
      models: realEndpoint
        ? defaultModels
        : { evolve: "sim-evolver", answer: "sim-answerer", judge: "sim-judge", difficulty: "sim-judge" },
      maxTokens: defaultMaxTokens === null ? "" : String(defaultMaxTokens),
      maxCostUsd: defaultMaxCostUsd === null ? "" : String(defaultMaxCostUsd),
    });
  }, [init, realEndpoint, defaultModels, defaultMaxTokens, defaultMaxCostUsd]);

  function submit() {
    const parsed = startRunSchema.safeParse({
      ...values,
      projectId: props.projectId,
      seedLimit: values.seedLimit.trim() ? Number(values.seedLimit) : undefined,
      duplicateThreshold: values.duplicateThreshold.trim() ? Number(values.duplicateThreshold) : undefined,
      maxTokens: values.maxTokens.trim() ? Number(values.maxTokens) : undefined,
      maxCostUsd: values.maxCostUsd.trim() ? Number(values.maxCostUsd) : undefined,
      methodVersion: values.methodVersion ? Number(values.methodVersion) : undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setError(`${issue?.path.join(".") || "form"}: ${issue?.message}`);
    }
    startTransition(async () => {
      const result = await startRunAction(parsed.data);
      if (!result.ok) return setError(result.error);
      router.push(`/projects/${props.projectId}/runs/${result.data.id}`);
    });
  }

  const number = (v: string) => (v === "" ? 0 : Number(v));
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <Card title="Seeds and rounds">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Run name (optional)">
              <Input value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} maxLength={120} />
            </Field>
            <Field
              label="Seed filter"
              hint={`Empty: all ${props.seedCount.toLocaleString("en-US")} seeds. Otherwise seeds whose text contains this.`}
            >
              <Input
                value={values.seedQuery}
                onChange={(e) => set({ seedQuery: e.currentTarget.value })}
                placeholder="e.g. poem"
              />
            </Field>
            <Field label="At most this many seeds (optional)">
              <Input
                type="number"
                min={1}
                value={values.seedLimit}
                onChange={(e) => set({ seedLimit: e.currentTarget.value })}
              />
            </Field>
            <Field label="Rounds (M)" hint="The paper used 4.">
              <Input
                type="number"
                min={1}
                max={10}
                value={values.rounds}
                onChange={(e) => set({ rounds: number(e.currentTarget.value) })}
              />
            </Field>
            <Field label="Branching (k)" hint="Evolutions per frontier node per round; the paper used 1.">
              <Input
                type="number"
                min={1}
                max={5}
                value={values.branching}
                onChange={(e) => set({ branching: number(e.currentTarget.value) })}
              />
            </Field>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-zinc-800">Mode</legend>
              {(["continuous", "gated"] as const).map((mode) => (
                <label key={mode} className="flex items-start gap-2 text-sm">
                  <input
                    type="radio"
                    name="mode"
                    checked={values.mode === mode}
                    onChange={() => set({ mode })}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-medium">{mode === "continuous" ? "Continuous" : "Gated"}</span>
                    <span className="block text-xs text-zinc-500">
                      {mode === "continuous"
                        ? "Each lineage moves on as soon as its step is done."
                        : "The run waits after each round until an admin releases the next."}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
        </Card>
        <MethodPicker methods={props.methods} />
        <OperationWeights />
        <RuleSwitches />
        <EndpointPicker realEndpoint={props.realEndpoint} />
        <SpendingCapFields />
      </div>
      <div className="space-y-4">
        <RunEstimate
          seedCount={props.seedCount}
          prices={props.prices}
          maxRunSteps={props.maxRunSteps}
          batchPriceFactor={props.batchPriceFactor}
        />
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button className="w-full" onClick={submit} disabled={pending}>
          {pending ? "Starting…" : "Start run"}
        </Button>
      </div>
    </div>
  );
}
