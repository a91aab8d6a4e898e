"use client";

import type { ExportSelection } from "@/lib/validation/export";
import type { SelectionChoices } from "./selection-fields";

const select = "block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm";
const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Training data or a test set: either one evaluation set, exported as it is,
 * or the filters, with the nodes of hold-out sets left out (a switch, on by default).
 */
export function EvalSetFields({
  value,
  onChange,
  evalSets,
}: {
  value: ExportSelection;
  onChange: (next: ExportSelection) => void;
  evalSets: SelectionChoices["evalSets"];
}) {
  if (evalSets.length === 0) return null;
  const holdOuts = evalSets.filter((s) => s.holdOut);
  return (
    <div className="space-y-2 border-b border-zinc-100 pb-4">
      <label className="block space-y-1">
        <span className="text-sm font-medium text-zinc-800">Evaluation set</span>
        <select
          className={select}
          value={value.evalSetId ?? ""}
          onChange={(e) => onChange({ ...value, evalSetId: e.currentTarget.value || null })}
        >
          <option value="">None: training data, chosen by the filters below</option>
          {evalSets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} · {fmt(s.nodeCount)} nodes{s.holdOut ? " · held out" : ""}
            </option>
          ))}
        </select>
      </label>
      {value.evalSetId ? (
        <p className="text-xs text-zinc-500">Exactly this set&apos;s nodes are exported, as a test set.</p>
      ) : holdOuts.length ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="rounded border-zinc-300 text-indigo-600"
            checked={value.excludeHeldOut}
            onChange={(e) => onChange({ ...value, excludeHeldOut: e.currentTarget.checked })}
          />
          Leave out nodes held out for evaluation ({holdOuts.length === 1 ? "1 set" : `${holdOuts.length} sets`})
        </label>
      ) : null}
    </div>
  );
}
