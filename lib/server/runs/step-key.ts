/** The idempotency key of a step: a run evolves one parent once per round and branch slot. */
export function stepKeyOf(runId: string, parentId: string, round: number, slot: number): string {
  return `${runId}:${parentId}:${round}:${slot}`;
}

/** The roles a step may call, each once under its own request key. */
export const STEP_ROLES = ["evolve", "answer", "judge", "difficulty"] as const;

// loadStep (run-step-job.ts) builds the same keys in SQL: change both together.
export function requestKeyOf(stepKey: string, role: (typeof STEP_ROLES)[number]): string {
  return `${stepKey}:${role}`;
}

/**
 * The request keys of a step's calls: how a run node's calls are found (the
 * node keeps its step's key). The step does not write the node's id onto its
 * calls (decision 0047).
 */
export function requestKeysOfStep(stepKey: string): string[] {
  return STEP_ROLES.map((role) => requestKeyOf(stepKey, role));
}
