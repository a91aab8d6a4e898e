"use client";

import { Card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";

export interface MethodChoice {
  name: string;
  description: string;
  /** Newest first. */
  versions: { version: number; note: string }[];
}

/** Which method's texts make the run's prompts (paper: the original Evol-Instruct wording). */
export function MethodPicker({ methods }: { methods: MethodChoice[] }) {
  const { values, set } = useRunFormStore();
  const chosen = methods.find((m) => m.name === values.method);
  return (
    <Card title="Method">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Method" hint={chosen?.description || "The texts the evolution prompts are made of."}>
          <Select
            value={values.method}
            onChange={(e) => set({ method: e.currentTarget.value, methodVersion: "" })}
            data-testid="run-method"
          >
            {methods.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Version">
          <Select
            value={values.methodVersion}
            onChange={(e) => set({ methodVersion: e.currentTarget.value })}
            data-testid="run-method-version"
          >
            <option value="">Latest{chosen?.versions[0] ? ` (v${chosen.versions[0].version})` : ""}</option>
            {chosen?.versions.map((v) => (
              <option key={v.version} value={String(v.version)}>
                v{v.version}
                {v.note ? ` — ${v.note.slice(0, 60)}` : ""}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </Card>
  );
}
