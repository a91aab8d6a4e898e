"use client";

import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useRunFormStore } from "@/lib/stores/use-run-form-store";
import { BatchModeSwitch } from "./batch-mode-switch";

const ROLES = [
  ["evolve", "Evolve model", "rewrites instructions"],
  ["answer", "Answer model", "answers evolved instructions"],
  ["judge", "Judge model", "decides Equal / Not Equal"],
  ["difficulty", "Difficulty model", "rates 1–10, when scored"],
] as const;

export function EndpointPicker({ realEndpoint }: { realEndpoint: string | null }) {
  const { values, set, setModel } = useRunFormStore();
  return (
    <Card title="LLM">
      <fieldset className="mb-3 space-y-1">
        <legend className="sr-only">Endpoint</legend>
        <label className={`flex items-start gap-2 text-sm ${realEndpoint ? "" : "text-zinc-400"}`}>
          <input
            type="radio"
            name="endpoint"
            className="mt-1"
            disabled={!realEndpoint}
            checked={values.endpoint === "openai"}
            onChange={() => set({ endpoint: "openai" })}
          />
          <span>
            <span className="font-medium">OpenAI-compatible endpoint{realEndpoint ? ` (${realEndpoint})` : ""}</span>
            <span className="block text-xs text-zinc-500">
              {realEndpoint
                ? "Configured on the server; the key never leaves it."
                : "Not configured: set OPENAI_API_KEY (and OPENAI_BASE_URL) on the server."}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="endpoint"
            className="mt-1"
            checked={values.endpoint === "simulator"}
            onChange={() => set({ endpoint: "simulator" })}
          />
          <span>
            <span className="font-medium">Simulator — not a real model</span>
            <span className="block text-xs text-zinc-500">
              Deterministic canned rewrites and answers, to try the whole loop without a key. Its data is not worth
              training on.
            </span>
          </span>
        </label>
      </fieldset>
      <BatchModeSwitch />
      <div className="grid gap-3 sm:grid-cols-2">
        {ROLES.map(([role, label, hint]) => (
          <Field key={role} label={label} hint={hint}>
            <Input value={values.models[role]} onChange={(e) => setModel(role, e.currentTarget.value)} />
          </Field>
        ))}
      </div>
    </Card>
  );
}
