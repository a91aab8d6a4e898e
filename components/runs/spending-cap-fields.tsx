"use client";

import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

/** The run's spending cap: the run stops itself before a call could cross it, and waits for a higher cap. */
export function SpendingCapFields() {
  const { values, set } = useRunFormStore();
  return (
    <Card title="Spending cap">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Token cap (optional)" hint="Prompt + completion tokens of every call. Empty: no cap.">
          <Input
            type="number"
            min={1}
            step={1}
            value={values.maxTokens}
            onChange={(e) => set({ maxTokens: e.currentTarget.value })}
            placeholder="e.g. 2000000"
            aria-label="Token cap"
          />
        </Field>
        <Field label="Cost cap in USD (optional)" hint="Counted with LLM_PRICES. Empty: no cap.">
          <Input
            type="number"
            min={0.0001}
            step="any"
            value={values.maxCostUsd}
            onChange={(e) => set({ maxCostUsd: e.currentTarget.value })}
            placeholder="e.g. 25"
            aria-label="Cost cap in USD"
          />
        </Field>
      </div>
      <p className="mt-2 text-xs text-zinc-500">
        Before each call the run holds its worst case (its prompt and every completion token it may use); a call that
        could cross the cap is not sent, and the run stops as <em>budget reached</em> until you raise the cap. The
        project&apos;s default cap is filled in.
      </p>
    </Card>
  );
}
