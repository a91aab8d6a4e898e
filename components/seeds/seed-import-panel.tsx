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

export function SeedImportPanel({ projectId }: { projectId: string }) {
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

  const hasSource = source.kind === "file" ? Boolean(source.file) : source.text.trim().length > 0;
  const blocked = !preview || (preview.errorCount > 0 && !skipInvalid);

  return (
    <div className="space-y-4">
      <Card title="1. Choose seeds">
        <SourcePicker key={generation} />
        <div className="mt-4 flex items-center gap-3">
          <Button
            disabled={!hasSource || pending}
            onClick={() =>
              startTransition(async () => {
                const result = await previewSeedImportAction(formData());
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
                  const result = await importSeedsAction(formData({ skipInvalid: String(skipInvalid) }));
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
