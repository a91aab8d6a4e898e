"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { saveMethodVersionAction } from "@/lib/actions/methods/save-method-version";
import { METHOD_TEXT_FIELDS, METHOD_TEXT_MAX, methodTextsSchema, type MethodTexts } from "@/lib/evolution/method-texts";
import { fieldLabel, fieldValue, withField } from "./method-fields";
import { MethodPreview } from "./method-preview";
import { MethodTrial } from "./method-trial";

export interface SampleSeed {
  id: string;
  project: string;
  instruction: string;
  input: string;
}

const TYPED = "typed";

/** Every text of a method, the prompts they make for a sample seed, and saving them as the next version. */
export function MethodEditor(props: {
  methodId: string;
  builtIn: boolean;
  version: number;
  texts: MethodTexts;
  samples: SampleSeed[];
  realEndpoint: string | null;
}) {
  const router = useRouter();
  const [texts, setTexts] = useState(props.texts);
  const [note, setNote] = useState("");
  const [sampleId, setSampleId] = useState(props.samples[0]?.id ?? TYPED);
  const [typed, setTyped] = useState({ instruction: "Write a function that reverses a string.", input: "" });
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const sample = props.samples.find((s) => s.id === sampleId) ?? typed;
  const checked = methodTextsSchema.safeParse(texts);
  const problems = new Map(checked.success ? [] : checked.error.issues.map((i) => [i.path.join("."), i.message]));
  // The trial takes the chosen sample's project's samples (up to five), or the typed one.
  const chosen = props.samples.find((s) => s.id === sampleId);
  const trialSamples = chosen ? props.samples.filter((s) => s.project === chosen.project).slice(0, 5) : [typed];
  const changed = JSON.stringify(texts) !== JSON.stringify(props.texts);

  function save() {
    startTransition(async () => {
      const result = await saveMethodVersionAction({ methodId: props.methodId, texts, note });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      setMessage({ tone: "success", text: `Saved as version ${result.data.version}.` });
      setNote("");
      router.refresh();
    });
  }

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={`Texts (from version ${props.version})`}>
        <div className="space-y-3">
          {METHOD_TEXT_FIELDS.map((field) => (
            <Field key={field} label={fieldLabel(field)} error={problems.get(field)}>
              <Textarea
                rows={3}
                maxLength={METHOD_TEXT_MAX}
                readOnly={props.builtIn}
                value={fieldValue(texts, field)}
                onChange={(e) => setTexts(withField(texts, field, e.currentTarget.value))}
                data-testid={`method-field-${field}`}
              />
            </Field>
          ))}
          {props.builtIn ? (
            <p className="text-sm text-zinc-600">A built-in method cannot be changed: copy it to make your own.</p>
          ) : (
            <>
              <Field label="What changed (saved with the version)">
                <Input value={note} maxLength={500} onChange={(e) => setNote(e.currentTarget.value)} />
              </Field>
              {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
              <Button onClick={save} disabled={pending || !changed || !checked.success || !note.trim()}>
                {pending ? "Saving…" : `Save as version ${props.version + 1}`}
              </Button>
            </>
          )}
        </div>
      </Card>
      <Card title="Prompts for a sample seed">
        <div className="space-y-3">
          <Field label="Sample">
            <Select value={sampleId} onChange={(e) => setSampleId(e.currentTarget.value)} data-testid="preview-sample">
              {props.samples.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.project}: {s.instruction.slice(0, 60)}
                </option>
              ))}
              <option value={TYPED}>Typed below</option>
            </Select>
          </Field>
          {sampleId === TYPED ? (
            <>
              <Field label="Instruction">
                <Textarea
                  rows={3}
                  value={typed.instruction}
                  onChange={(e) => setTyped({ ...typed, instruction: e.currentTarget.value })}
                />
              </Field>
              <Field label="Input (optional)">
                <Textarea
                  rows={2}
                  value={typed.input}
                  onChange={(e) => setTyped({ ...typed, input: e.currentTarget.value })}
                />
              </Field>
            </>
          ) : null}
          <MethodPreview texts={texts} instruction={sample.instruction} input={sample.input} />
        </div>
      </Card>
      <Card title="Try before saving" className="lg:col-span-2">
        <MethodTrial
          texts={texts}
          valid={checked.success}
          samples={trialSamples.map(({ instruction, input }) => ({ instruction, input }))}
          realEndpoint={props.realEndpoint}
        />
      </Card>
    </div>
  );
}
