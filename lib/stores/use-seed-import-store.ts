import { create } from "zustand";
import type { SeedImportPreview } from "@/lib/server/seeds/preview-seed-import";
import type { SeedImportSummary } from "@/lib/server/seeds/import-seeds";

type Source = { kind: "file"; file: File | null } | { kind: "text"; text: string };

interface SeedImportState {
  source: Source;
  preview: SeedImportPreview | null;
  summary: SeedImportSummary | null;
  error: string | null;
  skipInvalid: boolean;
  /** Bumped by reset, so the file input (which React cannot clear) is remounted. */
  generation: number;
  /** A new source; `error` says why the one chosen was refused (it is not the new source). */
  setSource: (source: Source, error?: string | null) => void;
  setPreview: (preview: SeedImportPreview) => void;
  setSummary: (summary: SeedImportSummary) => void;
  setError: (error: string | null) => void;
  setSkipInvalid: (skip: boolean) => void;
  reset: () => void;
}

const initial = {
  source: { kind: "file", file: null } as Source,
  preview: null,
  summary: null,
  error: null,
  skipInvalid: false,
};

/** The import wizard: a new source clears any preview made of the old one. */
export const useSeedImportStore = create<SeedImportState>((set) => ({
  ...initial,
  generation: 0,
  setSource: (source, error = null) => set({ source, preview: null, summary: null, error, skipInvalid: false }),
  setPreview: (preview) => set({ preview, error: null, summary: null }),
  setSummary: (summary) => set({ summary, error: null }),
  setError: (error) => set({ error }),
  setSkipInvalid: (skipInvalid) => set({ skipInvalid }),
  reset: () => set((state) => ({ ...initial, generation: state.generation + 1 })),
}));
