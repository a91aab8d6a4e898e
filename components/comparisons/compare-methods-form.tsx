"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { EndpointPicker } from "@/components/runs/endpoint-picker";
import { MethodFields, type MethodChoice } from "@/components/runs/method-fields";
import { WeightFields } from "@/components/runs/operation-weights";
import { RuleSwitches } from "@/components/runs/rule-switches";
import { SeedsAndRoundsCard } from "@/components/runs/seeds-and-rounds-card";
import { SpendingCapFields } from "@/components/runs/spending-cap-fields";
import { runFormNumbers, useRunFormDefaults } from "@/components/runs/use-run-form-defaults";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { startComparisonAction } from "@/lib/actions/comparisons/start-comparison";
import { useCompareFormStore } from "@/lib/stores/use-compare-form-store";
import { useRunFormStore, type RunFormValues } from "@/lib/stores/use-run-form-store";
import { startComparisonSchema } from "@/lib/validation/comparisons";

/**
 * Two runs from one seed sample: the seeds, rounds, rules, endpoint and caps
 * are shared (the run form's fields); each run has its own method, version
 * and weights.
 */
export function CompareMethodsForm(props: {
  projectId: string;
  seedCount: number;
  realEndpoint: string | null;
  defaultModels: RunFormValues["models"];
  defaultCaps: { maxTokens: number | null; maxCostUsd: number | null };
  methods: MethodChoice[];
}) {
  const router = useRouter();
  const { values, set, setWeight } = useRunFormStore();
  const { b, setB, setWeightB } = useCompareFormStore();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  useRunFormDefaults(props);

  function submit() {
    const version = (v: string) => (v ? Number(v) : undefined);
    const parsed = startComparisonSchema.safeParse({
      ...values,
      projectId: props.projectId,
      ...runFormNumbers(values),
      a: { method: values.method, methodVersion: version(values.methodVersion), weights: values.weights },
      b: { method: b.method, methodVersion: version(b.methodVersion), weights: b.weights },
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setError(`${issue?.path.join(".") || "form"}: ${issue?.message}`);
    }
    startTransition(async () => {
      const result = await startComparisonAction(parsed.data);
      if (!result.ok) return setError(result.error);
      router.push(`/projects/${props.projectId}/comparisons/${result.data.id}`);
    });
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-4">
        <SeedsAndRoundsCard seedCount={props.seedCount} />
        <div className="grid gap-4 xl:grid-cols-2">
          <Card title="Run A">
            <div className="space-y-3">
              <MethodFields
                methods={props.methods}
                method={values.method}
                methodVersion={values.methodVersion}
                onChange={set}
                testIdPrefix="compare-a"
              />
              <WeightFields weights={values.weights} onChange={setWeight} labelSuffix=" (run A)" />
            </div>
          </Card>
          <Card title="Run B">
            <div className="space-y-3">
              <MethodFields
                methods={props.methods}
                method={b.method}
                methodVersion={b.methodVersion}
                onChange={setB}
                testIdPrefix="compare-b"
              />
              <WeightFields weights={b.weights} onChange={setWeightB} labelSuffix=" (run B)" />
            </div>
          </Card>
        </div>
        <RuleSwitches />
        <EndpointPicker realEndpoint={props.realEndpoint} />
        <SpendingCapFields />
      </div>
      <div className="space-y-4">
        <Card title="One sample, two runs">
          <p className="text-sm text-zinc-600">
            The seeds are drawn once, at random among those the filter matches (all of them without a limit), and both
            runs evolve exactly these seeds. Each run costs about what one run of the sample would, and each cap applies
            to each run.
          </p>
        </Card>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button className="w-full" onClick={submit} disabled={pending}>
          {pending ? "Starting…" : "Start comparison"}
        </Button>
      </div>
    </div>
  );
}
