"use client";

import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { RULES } from "@/lib/evolution/eliminator";
import { RULE_TEXT } from "@/lib/evolution/rule-text";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

export function RuleSwitches() {
  const { values, setRule, set } = useRunFormStore();
  return (
    <Card title="Eliminator">
      <div className="space-y-2">
        {RULES.map((rule) => (
          <div key={rule}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={values.rules[rule]}
                onChange={(e) => setRule(rule, e.currentTarget.checked)}
              />
              <span>
                <span className="font-medium">{RULE_TEXT[rule].label}</span>
                <span className="block text-xs text-zinc-500">{RULE_TEXT[rule].description}</span>
              </span>
            </label>
            {rule === "duplicate" && values.rules.duplicate ? (
              <div className="mt-1 ml-6 max-w-xs">
                <Field
                  label="Near-duplicate threshold"
                  hint="Jaccard similarity of character 5-grams (0.5–1) at or above which a new instruction is a near-duplicate of its parent or a sibling. The default 0.95 catches rewrites that changed next to nothing; an in-depth rewrite adds only 10–20 words, so below about 0.85 honest rewrites of long instructions count as duplicates."
                >
                  <Input
                    type="number"
                    min={0.5}
                    max={1}
                    step={0.05}
                    value={values.duplicateThreshold}
                    onChange={(e) => set({ duplicateThreshold: e.currentTarget.value })}
                  />
                </Field>
              </div>
            ) : null}
          </div>
        ))}
        <label className="flex items-start gap-2 border-t border-zinc-100 pt-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={values.scoreDifficulty}
            onChange={(e) => set({ scoreDifficulty: e.currentTarget.checked })}
          />
          <span>
            <span className="font-medium">Score difficulty (1–10)</span>
            <span className="block text-xs text-zinc-500">
              One more LLM call per evolution, as the paper did to build its test set.
            </span>
          </span>
        </label>
      </div>
    </Card>
  );
}
