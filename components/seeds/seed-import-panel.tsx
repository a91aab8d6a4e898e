"use client";

import { useEffect, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { importSeedsAction } from "@/lib/actions/seeds/import-seeds";
import { previewSeedImportAction } from "@/lib/actions/seeds/preview-seed-import";
import { useSeedImportStore } from "@/lib/stores/use-seed-import-store";
import { ImportPreview } from "./import-preview";
import { ImportResult } from "./import-result";
import { SourcePicker } from "./source-picker";

type Outcome<T> = { ok: true; data: T } | { ok: false; error: string };

// An action can fail before it runs: a body over the server's limit is
// answered 413, a connection can drop. Its message is shown like any other
// refusal, instead of the whole page turning into the error screen.
async function settle<T>(call: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await call();
  } catch (error) {
    const why = error instanceof Error && error.message ? error.message : "no answer";
    return { ok: false, error: `The server did not accept the request: ${why}` };
  }
}

export function SeedImportPanel({
  projectId,
  maxBytes,
  maxFieldChars,
}: {
  projectId: string;
  /** The server's limits, so the browser checks the same ones before sending. */
  maxBytes: number;
  maxFieldChars: number;
}) {
  const { source, preview, summary, error, skipInvalid, generation, setPreview, setSummary, setError, reset } =
    useSeedImportStore();
  const [pending, startTransition] = useTransition();
  useEffect(() => reset, [reset]);

  function formData(extra: Record<string, string> = {}) {
    const data = new FormData();
    data.set("projectId", projectId);
    if (source.kind === "file" && source.file) data.set("file", source.file);
    if (source.kind === "text") data.set("text", source.text);
    for (const [k, v] of Object.entries(extra)) data.set(k, v);
    return data;
  }

  // A regular expression stops at the first non-blank character; trim() would copy megabytes.
  const hasSource = source.kind === "file" ? Boolean(source.file) : /\S/.test(source.text);
  const blocked = !preview || (preview.errorCount > 0 && !skipInvalid);

  return (
    <div className="space-y-4">
      <Card title="1. Choose seeds">
        <SourcePicker key={generation} maxBytes={maxBytes} maxFieldChars={maxFieldChars} />
        <div className="mt-4 flex items-center gap-3">
          <Button
            disabled={!hasSource || pending}
            onClick={() =>
              startTransition(async () => {
                const result = await settle(() => previewSeedImportAction(formData()));
                if (result.ok) setPreview(result.data);
                else setError(result.error);
              })
            }
          >
            {pending && !preview ? "Reading…" : "Preview"}
          </Button>
          <span className="text-xs text-zinc-500">Nothing is written until you press Import.</span>
        </div>
      </Card>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {preview && !summary ? (
        <Card title="2. Check and import">
          <ImportPreview preview={preview} />
          <div className="mt-4 flex items-center gap-3">
            <Button
              disabled={blocked || pending || preview.newSeeds === 0}
              onClick={() =>
                startTransition(async () => {
                  const result = await settle(() => importSeedsAction(formData({ skipInvalid: String(skipInvalid) })));
                  if (result.ok) setSummary(result.data);
                  else setError(result.error);
                })
              }
            >
              {pending ? "Importing…" : `Import ${preview.newSeeds.toLocaleString("en-US")} seeds`}
            </Button>
            {preview.newSeeds === 0 ? (
              <span className="text-sm text-zinc-500">Every valid record is already in this project.</span>
            ) : null}
          </div>
        </Card>
      ) : null}
      {summary ? <ImportResult projectId={projectId} summary={summary} onAnother={reset} /> : null}
    </div>
  );
}
