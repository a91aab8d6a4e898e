"use client";

import { Card } from "@/components/ui/card";
import { OPERATION_DESCRIPTIONS, OPERATION_LABELS, OPERATIONS } from "@/lib/evolution/operations";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

export function OperationWeights() {
  const { values, setWeight } = useRunFormStore();
  const total = OPERATIONS.reduce((sum, op) => sum + (values.weights[op] || 0), 0);
  return (
    <Card title="Operations and weights">
      <p className="mb-3 text-xs text-zinc-500">
        Each step picks one operation at random with these weights (equal weights = the paper&apos;s uniform choice).
        Weight 0 switches an operation off.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        {OPERATIONS.map((op) => (
          <label key={op} className="flex items-center gap-3 rounded-md border border-zinc-200 px-3 py-2">
            <input
              type="number"
              min={0}
              step={0.5}
              aria-label={`Weight of ${OPERATION_LABELS[op]}`}
              value={values.weights[op]}
              onChange={(e) => setWeight(op, e.currentTarget.value === "" ? 0 : Number(e.currentTarget.value))}
              className="w-16 rounded border border-zinc-300 px-2 py-1 text-sm"
            />
            <span className="text-sm">
              <span className="font-medium">{OPERATION_LABELS[op]}</span>
              <span className="ml-1 text-xs tabular-nums text-zinc-400">
                {total > 0 ? `${Math.round(((values.weights[op] || 0) / total) * 100)}%` : ""}
              </span>
              <span className="block text-xs text-zinc-500">{OPERATION_DESCRIPTIONS[op]}</span>
            </span>
          </label>
        ))}
      </div>
    </Card>
  );
}
