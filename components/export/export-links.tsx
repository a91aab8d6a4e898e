import type { ExportRow } from "@/lib/server/export/list-exports";

const link = "font-medium text-indigo-700 hover:underline";

/** Download links of a finished export: the archive or data file, and each bundle file on its own. */
export function ExportLinks({
  projectId,
  row,
  compact = false,
}: {
  projectId: string;
  row: Pick<ExportRow, "id" | "bundle" | "fileName" | "status">;
  compact?: boolean;
}) {
  if (row.status !== "done") return null;
  const base = `/api/projects/${projectId}/exports/${row.id}/download`;
  if (!row.bundle) {
    return (
      <a className={link} href={base} download title={row.fileName}>
        {compact ? "Download" : `Download ${row.fileName}`}
      </a>
    );
  }
  return (
    <span className="inline-flex flex-wrap gap-x-3 gap-y-1">
      <a className={link} href={base} download>
        Download .zip
      </a>
      <a className={link} href={`${base}?file=data`} download>
        data file
      </a>
      <a className={link} href={`${base}?file=card`} download>
        README.md
      </a>
      <a className={link} href={`${base}?file=dataset_info`} download>
        dataset_info.json
      </a>
      <a className={link} href={`${base}?file=axolotl`} download>
        axolotl.yaml
      </a>
    </span>
  );
}
