"use client";

import { useEffect, useState } from "react";
import { countExportAction } from "@/lib/actions/export/count-export";
import type { ExportFormat } from "@/lib/export/types";
import type { ExportSelection } from "@/lib/validation/export";

export interface CountState {
  loading: boolean;
  total: number | null;
  unanswered: number;
  nearDuplicates: number | null;
  error: string | null;
}

/** The selection's count, asked again 300 ms after the last change (and near-duplicates when removal is on). */
export function useExportCount(
  projectId: string,
  selection: ExportSelection,
  format: ExportFormat,
  dedupe: { enabled: boolean; threshold: number },
): CountState {
  // Only what changes the numbers: the format matters to the duplicate count alone.
  const key = JSON.stringify(dedupe.enabled ? { selection, dedupe, format } : { selection });
  const [state, setState] = useState<Omit<CountState, "loading"> & { key: string | null }>({
    key: null,
    total: null,
    unanswered: 0,
    nearDuplicates: null,
    error: null,
  });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const input = JSON.parse(key) as {
        selection: ExportSelection;
        dedupe?: { enabled: boolean; threshold: number };
        format?: ExportFormat;
      };
      const result = await countExportAction({ projectId, ...input });
      if (cancelled) return;
      if (!result.ok) setState({ key, total: null, unanswered: 0, nearDuplicates: null, error: result.error });
      else
        setState({
          key,
          total: result.data.total,
          unanswered: result.data.unanswered,
          nearDuplicates: result.data.nearDuplicates,
          error: null,
        });
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [projectId, key]);
  const { key: countedKey, ...counted } = state;
  return { ...counted, loading: countedKey !== key };
}
