"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
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
  const { values, init } = useRunFormStore();
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
