import { create } from "zustand";
import { OPERATIONS, type Operation } from "@/lib/evolution/operations";

/** Run B of the compare form; run A and everything shared are the run form's (use-run-form-store). */
export interface CompareSideValues {
  method: string;
  /** "": the latest version when the comparison starts. */
  methodVersion: string;
  weights: Record<Operation, number>;
}

interface CompareFormState {
  b: CompareSideValues;
  setB: (patch: Partial<CompareSideValues>) => void;
  setWeightB: (op: Operation, weight: number) => void;
}

export const useCompareFormStore = create<CompareFormState>((set) => ({
  b: {
    method: "code",
    methodVersion: "",
    weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as Record<Operation, number>,
  },
  setB: (patch) => set((s) => ({ b: { ...s.b, ...patch } })),
  setWeightB: (op, weight) => set((s) => ({ b: { ...s.b, weights: { ...s.b.weights, [op]: weight } } })),
}));
