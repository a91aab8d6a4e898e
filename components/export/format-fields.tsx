"use client";

import { Field, Input, Textarea } from "@/components/ui/field";
import {
  EXPORT_FORMATS,
  FORMAT_EXTENSION,
  NO_LINEAGE_FORMATS,
  NO_LINEAGE_REASON,
  type ExportFormat,
} from "@/lib/export/types";

const FORMAT_LABELS: Record<ExportFormat, string> = {
  alpaca: "Alpaca (JSONL)",
  "alpaca-json": "Alpaca (one JSON array)",
  sharegpt: "ShareGPT conversations (JSONL)",
  openai: "OpenAI chat fine-tuning (JSONL)",
  csv: "CSV",
  parquet: "Parquet",
};

export const CHAT_FORMATS: readonly ExportFormat[] = ["sharegpt", "openai"];

export interface FormatValues {
  format: ExportFormat;
  lineage: boolean;
  bundle: boolean;
  systemPrompt: string;
  /** CSV: cells exactly as stored, formulas not neutralised. */
  keepRawText: boolean;
  dedupe: { enabled: boolean; threshold: number };
}

/** How the selected nodes are written: format, lineage columns, bundle, system prompt, near-duplicate removal. */
export function FormatFields({
  value,
  onChange,
  onFormat,
}: {
  value: FormatValues;
  onChange: (patch: Partial<FormatValues>) => void;
  onFormat: (format: ExportFormat) => void;
}) {
  const chat = CHAT_FORMATS.includes(value.format);
  const noLineage = NO_LINEAGE_FORMATS.includes(value.format);
  return (
    <div className="space-y-4">
      <label className="block space-y-1">
        <span className="text-sm font-medium text-zinc-800">Format</span>
        <select
          className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm"
          value={value.format}
          onChange={(e) => onFormat(e.currentTarget.value as ExportFormat)}
        >
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]} · .{FORMAT_EXTENSION[f]}
            </option>
          ))}
        </select>
      </label>
      <div>
        <label className={`flex items-center gap-2 text-sm ${noLineage ? "text-zinc-400" : ""}`}>
          <input
            type="checkbox"
            checked={value.lineage && !noLineage}
            disabled={noLineage}
            aria-describedby={noLineage ? "no-lineage-reason" : undefined}
            onChange={(e) => onChange({ lineage: e.currentTarget.checked })}
          />
          Lineage columns (id, root, parent, round, operation, verdicts, reviewers)
        </label>
        {noLineage ? (
          <p id="no-lineage-reason" className="ml-6 text-xs text-zinc-500" data-testid="no-lineage-reason">
            {NO_LINEAGE_REASON}
          </p>
        ) : null}
      </div>
      {value.format === "csv" ? (
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value.keepRawText}
              onChange={(e) => onChange({ keepRawText: e.currentTarget.checked })}
            />
            Keep raw text (for round trips)
          </label>
          <p className="ml-6 text-xs text-zinc-500">
            Off: a cell starting with =, +, -, @, a tab or a carriage return gets a leading &apos; so a spreadsheet
            shows it as text instead of running it as a formula.
          </p>
        </div>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={value.bundle} onChange={(e) => onChange({ bundle: e.currentTarget.checked })} />
        Bundle: add a dataset card (README.md), a LLaMA-Factory dataset_info.json and an axolotl snippet, as one .zip
      </label>
      {chat ? (
        <Field label="System prompt (optional)" hint="Added to every conversation.">
          <Textarea
            rows={2}
            value={value.systemPrompt}
            onChange={(e) => onChange({ systemPrompt: e.currentTarget.value })}
          />
        </Field>
      ) : null}
      <div className="space-y-2">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={value.dedupe.enabled}
            onChange={(e) => onChange({ dedupe: { ...value.dedupe, enabled: e.currentTarget.checked } })}
          />
          Remove near-duplicate instructions (MinHash)
        </label>
        {value.dedupe.enabled ? (
          <Field
            label="Similarity threshold"
            hint="Estimated Jaccard similarity of the texts' character 5-grams (instruction and input, case and punctuation ignored); a text at or above it, compared with one already kept, is dropped. It takes time on large selections (about 30 s for 250,000 nodes), for the count here and for the export."
          >
            <Input
              type="number"
              min={0.5}
              max={1}
              step={0.05}
              className="w-28"
              value={value.dedupe.threshold}
              onChange={(e) => onChange({ dedupe: { ...value.dedupe, threshold: Number(e.currentTarget.value) } })}
            />
          </Field>
        ) : null}
      </div>
    </div>
  );
}
