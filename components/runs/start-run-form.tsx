"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { startRunAction } from "@/lib/actions/runs/start-run";
import { useRunFormStore, type RunFormValues } from "@/lib/stores/use-run-form-store";
import { startRunSchema } from "@/lib/validation/runs";
import { EndpointPicker } from "./endpoint-picker";
import { MethodPicker, type MethodChoice } from "./method-picker";
import { OperationWeights } from "./operation-weights";
import { RuleSwitches } from "./rule-switches";
import { SeedsAndRoundsCard } from "./seeds-and-rounds-card";
import { RunEstimate, type ModelPrices } from "./run-estimate";
import { SpendingCapFields } from "./spending-cap-fields";
import { runFormNumbers, useRunFormDefaults } from "./use-run-form-defaults";

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
  const { values } = useRunFormStore();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  useRunFormDefaults(props);

  function submit() {
    const parsed = startRunSchema.safeParse({
      ...values,
      projectId: props.projectId,
      ...runFormNumbers(values),
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

  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <SeedsAndRoundsCard seedCount={props.seedCount} />
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
