"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import type { SeedImportSummary } from "@/lib/server/seeds/import-seeds";

export function ImportResult({
  projectId,
  summary,
  onAnother,
}: {
  projectId: string;
  summary: SeedImportSummary;
  onAnother: () => void;
}) {
  const skipped = [
    summary.duplicatesInFile ? `${summary.duplicatesInFile.toLocaleString("en-US")} duplicate(s) in the file` : null,
    summary.alreadyInProject ? `${summary.alreadyInProject.toLocaleString("en-US")} already in the project` : null,
    summary.skippedInvalid ? `${summary.skippedInvalid.toLocaleString("en-US")} bad record(s)` : null,
  ].filter(Boolean);
  return (
    <div className="space-y-3">
      <Alert tone="success">
        <span data-testid="import-summary">
          Imported {summary.imported.toLocaleString("en-US")} seeds.
          {skipped.length ? ` Skipped ${skipped.join(", ")}.` : ""}
        </span>
      </Alert>
      <div className="flex gap-2">
        <ButtonLink href={`/projects/${projectId}`} variant="primary">
          View seeds
        </ButtonLink>
        <Button variant="secondary" onClick={onAnother}>
          Import another file
        </Button>
      </div>
    </div>
  );
}
