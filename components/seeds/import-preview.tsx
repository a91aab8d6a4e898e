"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { SeedImportPreview } from "@/lib/server/seeds/preview-seed-import";
import { useSeedImportStore } from "@/lib/stores/use-seed-import-store";
import { LineList } from "./line-list";

const SCHEMA_LABELS: Record<SeedImportPreview["schema"], string> = {
  alpaca: "Alpaca",
  self_instruct: "Self-Instruct seed tasks",
  wizardlm_testset: "WizardLM test set",
  sharegpt: "ShareGPT",
  openai_chat: "OpenAI chat",
  plain_text: "Plain text",
  generic: "Generic (matched by field aliases)",
};

export function ImportPreview({ preview }: { preview: SeedImportPreview }) {
  const { skipInvalid, setSkipInvalid } = useSeedImportStore();
  const mapping: [string, string | null][] = [
    ["instruction", preview.mapping.instruction],
    ["input", preview.mapping.input],
    ["output", preview.mapping.output],
  ];
  const counts: [string, number][] = [
    ["Records read", preview.rowsRead],
    ["Valid", preview.valid],
    ["New seeds", preview.newSeeds],
    ["Duplicates in file", preview.duplicateCount],
    ["Already in project", preview.alreadyInProject],
    ["Errors", preview.errorCount],
  ];
  return (
    <div className="space-y-4" data-testid="import-preview">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {preview.fileName ? (
          <span className="font-medium">{preview.fileName}</span>
        ) : (
          <span className="font-medium">Pasted text</span>
        )}
        <Badge tone="indigo">{preview.format.toUpperCase()}</Badge>
        <Badge tone="indigo">{SCHEMA_LABELS[preview.schema]}</Badge>
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-6">
        {counts.map(([label, value]) => (
          <div key={label} className="rounded-md bg-zinc-50 px-3 py-2">
            <dt className="text-xs text-zinc-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-count={label}>
              {value.toLocaleString("en-US")}
            </dd>
          </div>
        ))}
      </dl>
      <table className="text-sm">
        <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
          Detected mapping
        </caption>
        <tbody>
          {mapping.map(([target, from]) => (
            <tr key={target}>
              <td className="pr-3 font-mono text-zinc-500">{target}</td>
              <td className="pr-3 text-zinc-400">←</td>
              <td className="font-mono">{from ?? <span className="text-zinc-400">(none)</span>}</td>
            </tr>
          ))}
          {preview.mapping.metadata.length ? (
            <tr>
              <td className="pr-3 font-mono text-zinc-500">metadata</td>
              <td className="pr-3 text-zinc-400">←</td>
              <td className="font-mono">{preview.mapping.metadata.join(", ")}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {preview.errorCount > 0 ? (
        <div className="space-y-2">
          <Alert tone="error">
            {preview.errorCount.toLocaleString("en-US")} record(s) have errors. Nothing is imported while any record is
            bad — fix the file, or skip them below.
          </Alert>
          <LineList
            title="Errors"
            total={preview.errorCount}
            items={preview.errors.map((e) => ({ line: e.line, text: e.message }))}
            tone="error"
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.currentTarget.checked)} />
            Skip the {preview.errorCount.toLocaleString("en-US")} bad record(s) and import the rest
          </label>
        </div>
      ) : null}
      {preview.duplicateCount > 0 ? (
        <LineList
          title="Duplicates skipped"
          total={preview.duplicateCount}
          items={preview.duplicates.map((d) => ({ line: d.line, text: `same as line ${d.firstLine}` }))}
        />
      ) : null}
      {preview.sample.length ? (
        <div>
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-500">First records</h3>
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
            {preview.sample.map((s) => (
              <li key={s.line} className="px-3 py-2 text-sm">
                <span className="mr-2 font-mono text-xs text-zinc-400">line {s.line}</span>
                <span className="whitespace-pre-wrap">{s.instruction}</span>
                {s.input ? (
                  <div className="mt-1 line-clamp-2 whitespace-pre-wrap font-mono text-xs text-zinc-500">
                    input: {s.input}
                  </div>
                ) : null}
                {s.output ? (
                  <div className="mt-1 line-clamp-2 whitespace-pre-wrap text-xs text-zinc-500">output: {s.output}</div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
