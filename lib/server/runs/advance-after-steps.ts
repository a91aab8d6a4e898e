import type { SqlClient } from "@/lib/server/db/direct-sql";
import { FINISHED_STEP, frontierOf, type RunToAdvance, type Sibling } from "./advance-after-step";
import { createSteps } from "./create-steps";
import { enqueueRunSteps } from "./enqueue-run-steps";
import { parseRunConfig } from "./run-config";

/**
 * advanceAfterStep for the steps of a batch stored together (complete-steps-together.ts), each with its parent's
 * slots read under the siblings' lock: the parents whose slots have all ended get their next steps, created for
 * each run and round in one statement and queued for each run in one more. Returns the runs that got new steps
 * (the caller settles the others once the transaction has committed).
 */
export async function advanceAfterSteps(
  tx: SqlClient,
  entries: {
    step: { runId: string; parentId: string; rootId: string; round: number };
    run: RunToAdvance;
    siblings: Sibling[];
  }[],
): Promise<Set<string>> {
  const groups = new Map<string, { run: RunToAdvance; round: number; parents: { id: string; rootId: string }[] }>();
  for (const { step, run, siblings } of entries) {
    // A paused or budget-stopped run still grows its lineages' next steps (queued when it resumes).
    const live = run.status === "running" || run.status === "paused" || run.status === "budget_reached";
    if (run.mode !== "continuous" || !live || step.round >= run.rounds) continue;
    if (!siblings.every((s) => FINISHED_STEP.includes(s.status))) continue;
    const round = step.round + 1;
    const key = `${run.id}:${round}`;
    const group = groups.get(key) ?? { run, round, parents: [] };
    groups.set(key, group);
    for (const id of frontierOf(step.parentId, siblings)) group.parents.push({ id, rootId: step.rootId });
  }
  const created = new Map<string, { run: RunToAdvance; stepIds: string[]; reached: number }>();
  for (const { run, round, parents } of groups.values()) {
    const stepIds = await createSteps({ tx, runId: run.id, config: parseRunConfig(run.config), round, parents });
    if (stepIds.length === 0) continue;
    const byRun = created.get(run.id) ?? { run, stepIds: [], reached: round };
    created.set(run.id, byRun);
    byRun.stepIds.push(...stepIds);
    byRun.reached = Math.max(byRun.reached, round);
  }
  for (const { run, stepIds, reached } of created.values()) {
    if (run.status === "running") await enqueueRunSteps({ tx, run, stepIds });
    // As advanceAfterStep moves current_round: not sent when the run as read is there already.
    if (run.currentRound < reached)
      await tx.$executeRaw`UPDATE runs SET current_round = ${reached}
        WHERE id = ${run.id}::uuid AND current_round < ${reached}`;
  }
  return new Set(created.keys());
}
