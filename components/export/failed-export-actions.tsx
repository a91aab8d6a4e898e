"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeExportAction } from "@/lib/actions/export/remove-export";
import { retryExportAction } from "@/lib/actions/export/retry-export";

/** Retry (same options, as a job) or remove a failed export; the list refreshes to show what follows. */
export function FailedExportActions({ projectId, exportId }: { projectId: string; exportId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const act = (kind: "retry" | "remove") =>
    startTransition(async () => {
      if (kind === "remove" && !window.confirm("Remove this failed export from the list?")) return;
      const action = kind === "retry" ? retryExportAction : removeExportAction;
      const result = await action({ projectId, exportId });
      if (!result.ok) return setError(result.error);
      setError(null);
      router.refresh();
    });
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-3">
      <button
        type="button"
        disabled={pending}
        className="text-xs font-medium text-indigo-700 underline disabled:opacity-50"
        onClick={() => act("retry")}
      >
        Retry
      </button>
      <button
        type="button"
        disabled={pending}
        className="text-xs text-zinc-500 underline hover:text-red-700 disabled:opacity-50"
        onClick={() => act("remove")}
      >
        Remove
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
