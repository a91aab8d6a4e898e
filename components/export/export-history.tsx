import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { ExportRow } from "@/lib/server/export/list-exports";
import { ExportLinks } from "./export-links";
import { FailedExportActions } from "./failed-export-actions";
import { RefreshWhileBusy } from "./refresh-while-busy";
import { RemoveFilesButton } from "./remove-files-button";
import { ShareLinkButton } from "./share-link-button";
import { selectionSummary } from "./selection-summary";

const fmt = (n: number) => n.toLocaleString("en-US");

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const STATUS_TONE = { done: "green", failed: "red", running: "indigo", queued: "amber" } as const;

/** Every export of the project so far, with its counts and checksum, each downloadable again. */
export function ExportHistory({
  projectId,
  exports,
  evalSetNames = {},
}: {
  projectId: string;
  exports: ExportRow[];
  /** Evaluation set names by id, so a test set's export says which set it was. */
  evalSetNames?: Record<string, string>;
}) {
  if (exports.length === 0) return <p className="text-sm text-zinc-500">No exports yet.</p>;
  // A stale one keeps the list refreshing too: it turns failed once the reaper settles it.
  const busy = exports.some((e) => e.status === "queued" || e.status === "running");
  return (
    <>
      <RefreshWhileBusy busy={busy} />
      <DataTable
        columns={[
          { label: "When" },
          { label: "By" },
          { label: "Format" },
          { label: "Selection" },
          { label: "Records", align: "right" },
          { label: "Skipped", align: "right" },
          { label: "Duplicates", align: "right" },
          { label: "Size", align: "right" },
          { label: "sha256" },
          { label: "" },
        ]}
      >
        {exports.map((e) => (
          <tr key={e.id} data-testid="export-row" data-export-id={e.id}>
            <td className="px-4 py-2 whitespace-nowrap text-zinc-500">{e.createdAt.slice(0, 16).replace("T", " ")}</td>
            <td className="px-4 py-2 text-zinc-600">{e.by}</td>
            <td className="px-4 py-2">
              {e.format}
              {e.lineage ? " · lineage" : ""}
              {e.bundle ? " · bundle" : ""}
            </td>
            <td className="px-4 py-2 text-zinc-600">{selectionSummary(e.selection, evalSetNames)}</td>
            <td className="px-4 py-2 text-right tabular-nums">
              {e.status === "done" ? (
                fmt(e.recordsWritten)
              ) : e.stale ? (
                <span title="No sign of life from its process: it is marked failed once its job is gone.">
                  <Badge tone="amber">not responding</Badge>
                </span>
              ) : (
                <Badge tone={STATUS_TONE[e.status]}>{e.status}</Badge>
              )}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">{fmt(e.skipped)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{fmt(e.duplicatesRemoved)}</td>
            <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{formatBytes(e.bytes)}</td>
            <td className="px-4 py-2 font-mono text-xs text-zinc-500" title={e.sha256 ?? undefined}>
              {e.sha256 ? e.sha256.slice(0, 12) : "—"}
            </td>
            <td className="px-4 py-2 text-sm">
              {e.status === "failed" ? (
                <span className="inline-flex max-w-md flex-col gap-1">
                  <span className="text-xs text-red-600" data-testid="export-error">
                    {e.error ?? "failed"}
                  </span>
                  <FailedExportActions projectId={projectId} exportId={e.id} />
                </span>
              ) : null}
              {e.status === "done" && !e.stored ? (
                <span className="text-zinc-400">
                  {e.expiredAt ? `expired ${e.expiredAt.slice(0, 10)} (retention)` : "files removed"}
                </span>
              ) : null}
              {e.status === "done" && e.stored ? (
                <span className="inline-flex flex-wrap items-baseline gap-x-3">
                  <ExportLinks projectId={projectId} row={e} compact />
                  <ShareLinkButton projectId={projectId} row={e} />
                  <RemoveFilesButton projectId={projectId} exportId={e.id} />
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
