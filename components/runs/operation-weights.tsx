"use client";

import { Card } from "@/components/ui/card";
import { OPERATION_DESCRIPTIONS, OPERATION_LABELS, OPERATIONS, type Operation } from "@/lib/evolution/operations";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

export function OperationWeights() {
  const { values, setWeight } = useRunFormStore();
  return (
    <Card title="Operations and weights">
      <WeightFields weights={values.weights} onChange={setWeight} />
    </Card>
  );
}

/** One weight per operation, with its share of the total. */
export function WeightFields(props: {
  weights: Record<Operation, number>;
  onChange: (op: Operation, weight: number) => void;
  /** Names the fields apart when a page has two sets (a comparison's runs). */
  labelSuffix?: string;
}) {
  const total = OPERATIONS.reduce((sum, op) => sum + (props.weights[op] || 0), 0);
  return (
    <>
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
              aria-label={`Weight of ${OPERATION_LABELS[op]}${props.labelSuffix ?? ""}`}
              value={props.weights[op]}
              onChange={(e) => props.onChange(op, e.currentTarget.value === "" ? 0 : Number(e.currentTarget.value))}
              className="w-16 rounded border border-zinc-300 px-2 py-1 text-sm"
            />
            <span className="text-sm">
              <span className="font-medium">{OPERATION_LABELS[op]}</span>
              <span className="ml-1 text-xs tabular-nums text-zinc-400">
                {total > 0 ? `${Math.round(((props.weights[op] || 0) / total) * 100)}%` : ""}
              </span>
              <span className="block text-xs text-zinc-500">{OPERATION_DESCRIPTIONS[op]}</span>
            </span>
          </label>
        ))}
      </div>
    </>
  );
}
