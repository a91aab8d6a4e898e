"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import type { ExportRow } from "@/lib/server/export/list-exports";
import { ExportLinks } from "./export-links";

const fmt = (n: number) => n.toLocaleString("en-US");

/** Polls one export until it is done or failed; shows a progress bar, then its download links. */
export function ExportProgress({ projectId, exportId }: { projectId: string; exportId: string }) {
  const router = useRouter();
  const [row, setRow] = useState<ExportRow | null>(null);
  const [stale, setStale] = useState(false);
  const finished = row?.status === "done" || row?.status === "failed";
  useEffect(() => {
    if (finished) {
      router.refresh();
      return;
    }
    const timer = setTimeout(
      async () => {
        try {
          const response = await fetch(`/api/projects/${projectId}/exports/${exportId}`, { cache: "no-store" });
          if (!response.ok) throw new Error(String(response.status));
          setRow((await response.json()) as ExportRow);
          setStale(false);
        } catch {
          setStale(true);
          setRow((r) => (r ? { ...r } : r));
        }
      },
      row ? 700 : 100,
    );
    return () => clearTimeout(timer);
  }, [row, finished, projectId, exportId, router]);

  if (!row) return <p className="text-sm text-zinc-500">Starting the export…</p>;
  const total = Math.max(1, row.expectedCount);
  const done =
    row.status === "done" ? total : Math.min(total, row.recordsWritten + row.skipped + row.duplicatesRemoved);
  const percent = Math.floor((done / total) * 100);
  return (
    <div className="space-y-3" data-testid="export-progress">
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium">
          {row.stale ? (
            <span data-testid="export-status">not responding</span>
          ) : (
            <>
              <span data-testid="export-status">{row.status}</span> · {percent}%
            </>
          )}
        </span>
        <span className="text-zinc-500">
          {fmt(row.recordsWritten)} records written of {fmt(row.expectedCount)} selected
        </span>
      </div>
      <div
        className="h-3 overflow-hidden rounded-full bg-zinc-100"
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Export progress"
      >
        <div className="h-full bg-indigo-500 transition-all" style={{ width: `${percent}%` }} />
      </div>
      {stale ? <p className="text-xs text-amber-700">Lost contact with the server; retrying…</p> : null}
      {row.stale ? (
        <Alert tone="warning">
          The export has shown no sign of life for a while: its process has probably stopped. It is marked failed once
          its job is gone; you can then retry it from the list below.
        </Alert>
      ) : null}
      {row.status === "failed" ? (
        <Alert tone="error">
          The export failed: {row.error ?? "unknown error"} Retry or remove it in the list below.
        </Alert>
      ) : null}
      {row.status === "done" ? (
        <Alert tone="success">
          <span data-testid="export-summary">
            Exported {fmt(row.recordsWritten)} record{row.recordsWritten === 1 ? "" : "s"}
            {row.skipped ? `, ${fmt(row.skipped)} skipped (no answer)` : ""}
            {row.duplicatesRemoved ? `, ${fmt(row.duplicatesRemoved)} near-duplicates removed` : ""}.
          </span>{" "}
          <ExportLinks projectId={projectId} row={row} />
        </Alert>
      ) : null}
    </div>
  );
}
