"use client";

import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

/** The run form's seed selection, rounds, branching and mode (a comparison's runs share them). */
export function SeedsAndRoundsCard(props: { seedCount: number }) {
  const { values, set } = useRunFormStore();
  const number = (v: string) => (v === "" ? 0 : Number(v));
  return (
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
  );
}
