"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteEvalSetAction } from "@/lib/actions/eval-sets/delete-eval-set";

/** Deletes a set after a confirmation; its nodes stay (and go back into training exports if it was held out). */
export function DeleteEvalSetButton({
  projectId,
  evalSetId,
  name,
}: {
  projectId: string;
  evalSetId: string;
  name: string;
}) {
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
          if (!window.confirm(`Delete the evaluation set “${name}”? Its nodes stay in the project.`)) return;
          startTransition(async () => {
            const result = await deleteEvalSetAction({ projectId, evalSetId });
            if (!result.ok) return setError(result.error);
            router.refresh();
          });
        }}
      >
        Delete
      </button>
      {error ? (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </>
  );
}
