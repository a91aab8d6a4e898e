"use client";

import { Input, Textarea } from "@/components/ui/field";
import { fileSizeProblem, pasteSizeProblem } from "@/lib/seeds/upload-size";
import { useSeedImportStore } from "@/lib/stores/use-seed-import-store";

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024)).toLocaleString("en-US");

/**
 * The file or text to import. Sizes are checked here, before anything is
 * sent, against the server's limit (`maxBytes`, from the page). The text box
 * is uncontrolled: React never writes a large value back into it, and a paste
 * over the limit is refused before the browser inserts it.
 */
export function SourcePicker({ maxBytes, maxFieldChars }: { maxBytes: number; maxFieldChars: number }) {
  const { source, setSource } = useSeedImportStore();
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
            const problem = file ? fileSizeProblem(file, maxBytes) : null;
            if (problem) event.currentTarget.value = "";
            setSource({ kind: "file", file: problem ? null : file }, problem);
          }}
        />
      ) : (
        <Textarea
          aria-label="Seed text"
          rows={10}
          placeholder={'One instruction per line, or JSONL such as {"instruction": "…", "input": "", "output": "…"}'}
          defaultValue={source.text}
          onPaste={(event) => {
            const box = event.currentTarget;
            const pasted = event.clipboardData.getData("text/plain");
            // Joined strings are not copied until read, so this costs little even for a huge paste.
            const after = box.value.slice(0, box.selectionStart) + pasted + box.value.slice(box.selectionEnd);
            const problem = pasteSizeProblem(after, maxBytes);
            if (!problem) return;
            event.preventDefault();
            setSource({ kind: "text", text: box.value }, problem);
          }}
          onChange={(event) => {
            const text = event.currentTarget.value;
            const problem = pasteSizeProblem(text, maxBytes);
            if (problem) event.currentTarget.value = "";
            setSource({ kind: "text", text: problem ? "" : text }, problem);
          }}
        />
      )}
      <p className="text-xs text-zinc-500">
        Up to {mb(maxBytes)} MB; each instruction, input and output up to {maxFieldChars.toLocaleString("en-US")}{" "}
        characters.
      </p>
    </div>
  );
}
