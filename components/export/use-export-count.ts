"use client";

import { useEffect, useState } from "react";
import { countExportAction } from "@/lib/actions/export/count-export";
import type { ExportSelection } from "@/lib/validation/export";

export interface CountState {
  loading: boolean;
  total: number | null;
  /** Selected nodes without an answer: every format leaves them out. */
  unanswered: number;
  /** Nodes left out because a hold-out evaluation set holds them. */
  heldOut: number;
  nearDuplicates: number | null;
  error: string | null;
}

/** Wait this long after the last change before counting near-duplicates (a slider sends many changes). */
const DUPLICATE_DEBOUNCE_MS = 500;

/**
 * The selection's count, asked again 300 ms after the last change, and the
 * near-duplicate count when removal is on: a request of its own (it reads
 * every selected instruction), sent after a pause and aborted as soon as the
 * selection or threshold changes again, so counts never pile up.
 */
export function useExportCount(
  projectId: string,
  selection: ExportSelection,
  dedupe: { enabled: boolean; threshold: number },
): CountState {
  const key = JSON.stringify(selection);
  const [state, setState] = useState<Omit<CountState, "loading" | "nearDuplicates"> & { key: string | null }>({
    key: null,
    total: null,
    unanswered: 0,
    heldOut: 0,
    error: null,
  });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await countExportAction({ projectId, selection: JSON.parse(key) as ExportSelection });
      if (cancelled) return;
      if (!result.ok) setState({ key, total: null, unanswered: 0, heldOut: 0, error: result.error });
      else {
        const { total, unanswered, heldOut } = result.data;
        setState({ key, total, unanswered, heldOut, error: null });
      }
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [projectId, key]);

  const duplicates = useNearDuplicateCount(
    projectId,
    dedupe.enabled ? JSON.stringify([selection, dedupe.threshold]) : null,
  );
  const { key: countedKey, ...counted } = state;
  return {
    ...counted,
    error: counted.error ?? duplicates.error,
    nearDuplicates: duplicates.count,
    loading: countedKey !== key || duplicates.loading,
  };
}

/** POSTs …/exports/near-duplicates for `key` ([selection, threshold] as JSON; null: not wanted). */
function useNearDuplicateCount(projectId: string, key: string | null) {
  const [state, setState] = useState<{ key: string | null; count: number | null; error: string | null }>({
    key: null,
    count: null,
    error: null,
  });
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      const [selection, threshold] = JSON.parse(key) as [ExportSelection, number];
      const form = new FormData();
      form.set("request", JSON.stringify({ selection, threshold }));
      try {
        const response = await fetch(`/api/projects/${projectId}/exports/near-duplicates`, {
          method: "POST",
          body: form,
          signal: abort.signal,
        });
        const body = (await response.json()) as { nearDuplicates?: number; error?: { message: string } };
        if (abort.signal.aborted) return;
        if (response.ok && typeof body.nearDuplicates === "number")
          setState({ key, count: body.nearDuplicates, error: null });
        else setState({ key, count: null, error: body.error?.message ?? `Counting failed (HTTP ${response.status}).` });
      } catch (error) {
        if (!abort.signal.aborted) setState({ key, count: null, error: `Counting failed: ${String(error)}` });
      }
    }, DUPLICATE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [projectId, key]);
  if (key === null) return { count: null, error: null, loading: false };
  return state.key === key ? { ...state, loading: false } : { count: null, error: null, loading: true };
}
