"use client";

import { Input, Textarea } from "@/components/ui/field";
import { useSeedImportStore } from "@/lib/stores/use-seed-import-store";
import { MAX_SEED_FILE_BYTES, MAX_SEED_FILE_MB } from "@/lib/validation/seeds";

export function SourcePicker() {
  const { source, setSource, setError } = useSeedImportStore();
  const tab = (kind: "file" | "text", label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={source.kind === kind}
      onClick={() => setSource(kind === "file" ? { kind, file: null } : { kind, text: "" })}
      className={`rounded-md px-3 py-1 text-sm ${source.kind === kind ? "bg-indigo-50 font-medium text-indigo-700" : "text-zinc-600 hover:bg-zinc-100"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="space-y-3">
      <div role="tablist" className="flex gap-1">
        {tab("file", "Upload a file")}
        {tab("text", "Paste text")}
      </div>
      {source.kind === "file" ? (
        <Input
          type="file"
          aria-label="Seed file"
          accept=".jsonl,.ndjson,.json,.csv,.tsv,.txt,.parquet,application/json,text/csv,text/plain"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0] ?? null;
            setSource({ kind: "file", file });
            if (file && file.size > MAX_SEED_FILE_BYTES) {
              setError(
                `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_SEED_FILE_MB} MB. Split the file.`,
              );
              setSource({ kind: "file", file: null });
            }
          }}
        />
      ) : (
        <Textarea
          aria-label="Seed text"
          rows={10}
          placeholder={'One instruction per line, or JSONL such as {"instruction": "…", "input": "", "output": "…"}'}
          value={source.text}
          onChange={(event) => setSource({ kind: "text", text: event.currentTarget.value })}
        />
      )}
    </div>
  );
}
