/** The idempotency key of a step: a run evolves one parent once per round and branch slot. */
export function stepKeyOf(runId: string, parentId: string, round: number, slot: number): string {
  return `${runId}:${parentId}:${round}:${slot}`;
}

// loadStep (run-step-job.ts) builds the same keys in SQL: change both together.
export function requestKeyOf(stepKey: string, role: "evolve" | "answer" | "judge" | "difficulty"): string {
  return `${stepKey}:${role}`;
}
