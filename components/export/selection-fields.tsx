"use client";

import { OPERATION_LABELS, OPERATIONS, type Operation } from "@/lib/evolution/operations";
import { STATUS_PRESET_LABELS, STATUS_PRESETS, type ExportSelection } from "@/lib/validation/export";

export interface SelectionChoices {
  maxRound: number;
  skills: string[];
  runs: { id: string; label: string }[];
  evalSets: { id: string; name: string; holdOut: boolean; nodeCount: number }[];
}

const box = "rounded border-zinc-300 text-indigo-600";
const select = "block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm";

function toggle<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** Which nodes go into the export: review status, seeds, rounds, operations, run and skill. */
export function SelectionFields({
  value,
  onChange,
  choices,
}: {
  value: ExportSelection;
  onChange: (next: ExportSelection) => void;
  choices: SelectionChoices;
}) {
  const set = (patch: Partial<ExportSelection>) => onChange({ ...value, ...patch });
  const rounds = Array.from({ length: choices.maxRound }, (_, i) => i + 1);
  return (
    <div className="space-y-4">
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-zinc-800">Review status</legend>
        {STATUS_PRESETS.map((preset) => (
          <label key={preset} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="status"
              value={preset}
              checked={value.status === preset}
              onChange={() => set({ status: preset })}
            />
            {STATUS_PRESET_LABELS[preset]}
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className={box}
          checked={value.includeSeeds}
          onChange={(e) => set({ includeSeeds: e.currentTarget.checked })}
        />
        Include seeds (round 0)
      </label>
      {rounds.length ? (
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800">
            Rounds of evolved nodes <span className="font-normal text-zinc-500">(none ticked = all)</span>
          </legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {rounds.map((r) => (
              <label key={r} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  className={box}
                  aria-label={`Round ${r}`}
                  checked={value.rounds.includes(r)}
                  onChange={(e) =>
                    set({ rounds: toggle(value.rounds, r, e.currentTarget.checked).sort((a, b) => a - b) })
                  }
                />
                R{r}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">
          Operations <span className="font-normal text-zinc-500">(none ticked = all)</span>
        </legend>
        <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-3">
          {OPERATIONS.map((op: Operation) => (
            <label key={op} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                className={box}
                checked={value.operations.includes(op)}
                onChange={(e) => set({ operations: toggle(value.operations, op, e.currentTarget.checked) })}
              />
              {OPERATION_LABELS[op]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block space-y-1">
          <span className="text-sm font-medium text-zinc-800">Run</span>
          <select
            className={select}
            value={value.runId ?? ""}
            onChange={(e) => set({ runId: e.currentTarget.value || null })}
          >
            <option value="">All runs</option>
            {choices.runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="block space-y-1">
          <span className="text-sm font-medium text-zinc-800">Seed skill</span>
          <select
            className={select}
            value={value.skill}
            onChange={(e) => set({ skill: e.currentTarget.value })}
            disabled={choices.skills.length === 0}
          >
            <option value="">{choices.skills.length ? "Any skill" : "No skills in this project's seeds"}</option>
            {choices.skills.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
