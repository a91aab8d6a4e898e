"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import type { ExportFormat } from "@/lib/export/types";
import type { ExportRow } from "@/lib/server/export/list-exports";
import { ShareLinkPanel } from "./share-link-panel";

/** "Share link" on a finished export: a dialog that makes signed links and lists (and revokes) the export's links. */
export function ShareLinkButton({
  projectId,
  row,
}: {
  projectId: string;
  row: Pick<ExportRow, "id" | "format" | "fileName">;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="font-medium text-indigo-700 hover:underline"
        onClick={() => setOpen(true)}
        title="A link that downloads this export without signing in (curl, datasets, pandas)"
      >
        Share link
      </button>
      <Dialog open={open} title={`Share ${row.fileName}`} onClose={() => setOpen(false)}>
        <ShareLinkPanel
          projectId={projectId}
          exportId={row.id}
          format={row.format as ExportFormat}
          fileName={row.fileName}
        />
      </Dialog>
    </>
  );
}
