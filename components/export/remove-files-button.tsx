"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeExportFilesAction } from "@/lib/actions/export/remove-export-files";

/** Frees an export's disk space after a confirmation; its record stays in the history. */
export function RemoveFilesButton({ projectId, exportId }: { projectId: string; exportId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        disabled={pending}
        className="text-xs text-zinc-500 underline hover:text-red-700 disabled:opacity-50"
        onClick={() => {
          if (!window.confirm("Remove this export's files from the server? Its record (counts, checksum) stays."))
            return;
          startTransition(async () => {
            const result = await removeExportFilesAction({ projectId, exportId });
            if (!result.ok) return setError(result.error);
            router.refresh();
          });
        }}
      >
        Remove files
      </button>
      {error ? (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </>
  );
}
