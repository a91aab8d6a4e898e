"use client";

import { useRunFormStore } from "@/lib/stores/use-run-form-store";

export const BATCH_LABEL = "Batch API — about half the price, results within hours";

/** The run option that sends its calls through the endpoint's Batch API (docs/decisions/0022-batch-api-runs.md). */
export function BatchModeSwitch() {
  const { values, set } = useRunFormStore();
  return (
    <label className="mb-3 flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        className="mt-1"
        checked={values.batch}
        onChange={(e) => set({ batch: e.currentTarget.checked })}
      />
      <span>
        <span className="font-medium">{BATCH_LABEL}</span>
        <span className="block text-xs text-zinc-500">
          Results arrive within hours, not minutes (each round waits for at least two batches); the endpoint must
          support the Batch API — the simulator does.
        </span>
      </span>
    </label>
  );
}
