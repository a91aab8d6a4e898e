import { create } from "zustand";
import { OPERATIONS, type Operation } from "@/lib/evolution/operations";
import { DEFAULT_DUPLICATE_THRESHOLD } from "@/lib/evolution/duplicate-threshold";
import { RULES, type RuleId } from "@/lib/evolution/eliminator";

export interface RunFormValues {
  name: string;
  seedQuery: string;
  seedLimit: string;
  rounds: number;
  branching: number;
  mode: "continuous" | "gated";
  weights: Record<Operation, number>;
  rules: Record<RuleId, boolean>;
  /** The duplicate rule's near-duplicate threshold, as typed. */
  duplicateThreshold: string;
  scoreDifficulty: boolean;
  endpoint: "openai" | "simulator";
  /** Through the Batch API (about half the price, results within hours). */
  batch: boolean;
  models: { evolve: string; answer: string; judge: string; difficulty: string };
  /** Spending caps as typed (empty: none); prefilled from the project's default cap. */
  maxTokens: string;
  maxCostUsd: string;
  /** The method by name, and its version as chosen ("": the latest when the run starts). */
  method: string;
  methodVersion: string;
}

interface RunFormState {
  values: RunFormValues;
  set: (patch: Partial<RunFormValues>) => void;
  setWeight: (op: Operation, weight: number) => void;
  setRule: (rule: RuleId, on: boolean) => void;
  setModel: (role: keyof RunFormValues["models"], model: string) => void;
  init: (values: Pick<RunFormValues, "endpoint" | "models" | "maxTokens" | "maxCostUsd">) => void;
}

const defaults: RunFormValues = {
  name: "",
  seedQuery: "",
  seedLimit: "",
  rounds: 4,
  branching: 1,
  mode: "continuous",
  weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as Record<Operation, number>,
  rules: Object.fromEntries(RULES.map((r) => [r, true])) as Record<RuleId, boolean>,
  duplicateThreshold: String(DEFAULT_DUPLICATE_THRESHOLD),
  scoreDifficulty: false,
  endpoint: "simulator",
  batch: false,
  models: { evolve: "", answer: "", judge: "", difficulty: "" },
  maxTokens: "",
  maxCostUsd: "",
  method: "paper",
  methodVersion: "",
};

/** The start-run form: its fields and the live estimate read the same values. */
export const useRunFormStore = create<RunFormState>((set) => ({
  values: defaults,
  set: (patch) => set((s) => ({ values: { ...s.values, ...patch } })),
  setWeight: (op, weight) => set((s) => ({ values: { ...s.values, weights: { ...s.values.weights, [op]: weight } } })),
  setRule: (rule, on) => set((s) => ({ values: { ...s.values, rules: { ...s.values.rules, [rule]: on } } })),
  setModel: (role, model) => set((s) => ({ values: { ...s.values, models: { ...s.values.models, [role]: model } } })),
  init: (values) => set({ values: { ...defaults, ...values } }),
}));
