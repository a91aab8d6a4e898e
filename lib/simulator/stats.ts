import { FAULT_KINDS, PROMPT_KINDS, type FaultKind, type PromptKind, type SimulatorStats } from "./types";

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    completed: 0,
    byKind: zeros<PromptKind>(PROMPT_KINDS),
    faults: zeros<FaultKind>(FAULT_KINDS),
    inFlight: 0,
    maxInFlight: 0,
    rejectedInFlight: 0,
    byBodyHash: {},
    arrivalsByRequestKey: {},
    promptTokens: 0,
    completionTokens: 0,
    tokensByRequestKey: {},
    batches: 0,
    batchLinesByCustomId: {},
    prompts: [],
  };
}

// Callers get a copy, so a test's snapshot does not move under it.
export function snapshotStats(stats: SimulatorStats): SimulatorStats {
  return {
    ...stats,
    byKind: { ...stats.byKind },
    faults: { ...stats.faults },
    byBodyHash: { ...stats.byBodyHash },
    arrivalsByRequestKey: Object.fromEntries(Object.entries(stats.arrivalsByRequestKey).map(([k, v]) => [k, [...v]])),
    tokensByRequestKey: Object.fromEntries(Object.entries(stats.tokensByRequestKey).map(([k, v]) => [k, [...v]])),
    batchLinesByCustomId: { ...stats.batchLinesByCustomId },
    prompts: [...stats.prompts],
  };
}
