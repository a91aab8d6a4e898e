"use client";

import { Field, Select } from "@/components/ui/field";

export interface MethodChoice {
  name: string;
  description: string;
  /** Newest first. */
  versions: { version: number; note: string }[];
}

/** A method and one of its versions ("": the latest when the run starts). */
export function MethodFields(props: {
  methods: MethodChoice[];
  method: string;
  methodVersion: string;
  onChange: (value: { method: string; methodVersion: string }) => void;
  testIdPrefix: string;
}) {
  const chosen = props.methods.find((m) => m.name === props.method);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label="Method" hint={chosen?.description || "The texts the evolution prompts are made of."}>
        <Select
          value={props.method}
          onChange={(e) => props.onChange({ method: e.currentTarget.value, methodVersion: "" })}
          data-testid={`${props.testIdPrefix}-method`}
        >
          {props.methods.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Version">
        <Select
          value={props.methodVersion}
          onChange={(e) => props.onChange({ method: props.method, methodVersion: e.currentTarget.value })}
          data-testid={`${props.testIdPrefix}-method-version`}
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
  );
}
