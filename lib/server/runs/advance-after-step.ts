import type { Prisma, StepStatus } from "@/lib/generated/prisma/client";
import { nextFrontier } from "@/lib/evolution/scheduling";
import { directSql, type SqlClient } from "@/lib/server/db/direct-sql";
import { getPrisma } from "@/lib/server/db/prisma";
import { parseRunConfig } from "./run-config";
import { createSteps } from "./create-steps";
import { enqueueRunSteps } from "./enqueue-run-steps";
import { lockSiblings } from "./sibling-lock";

export const FINISHED_STEP: StepStatus[] = ["done", "failed", "skipped", "cancelled"];
const OPEN_STEP: StepStatus[] = ["pending", "running"];
/** What advanceAfterStep reads of the run. */
export interface RunToAdvance {
  id: string;
  status: string;
  mode: string;
  rounds: number;
  config: unknown;
  batch: boolean;
  currentRound: number;
}
/** errorKind of a step that failed for a reason that is not the LLM's: it stalls its run until retried. */
export const WORKER_ERROR = "worker";

/**
 * After a step ends: in continuous mode, once all branch slots of its parent
 * for that round have ended, the pool rule picks the lineage's next frontier
 * and its steps are created (and queued, in this same transaction). The
 * caller settles the run once this transaction has committed
 * (settleRunIfIdle), if nothing is left to do: not when this created steps,
 * which are open (it returns whether it did).
 */
export async function advanceAfterStep(options: {
  tx: SqlClient;
  step: { runId: string; parentId: string; rootId: string; round: number };
  /** The run as read in this transaction after the step was marked. */
  run?: RunToAdvance;
  /** This transaction holds the siblings' lock already. */
  siblingsLocked?: boolean;
}): Promise<{ created: boolean }> {
  const { tx, step } = options;
  const run = options.run ?? (await readRun(tx, step.runId));
  if (!mayAdvance(run, step)) return { created: false };
  const siblings = await readSiblings(tx, step, options.siblingsLocked === true);
  return { created: (await advanceAfterSteps(tx, [{ step, run, siblings }])).has(run.id) };
}

/** Whether a step's end may move its lineage on: a continuous run short of its last round, not stopped. */
function mayAdvance(run: RunToAdvance, step: { round: number }): boolean {
  // A paused or budget-stopped run still grows its lineages' next steps (queued when it resumes).
  const live = run.status === "running" || run.status === "paused" || run.status === "budget_reached";
  return run.mode === "continuous" && live && step.round < run.rounds;
}

/**
 * After a step's transaction has committed: settles its run when no step is
 * open any more. Checked after the commit, not inside the step's transaction,
 * so that steps do not queue one by one behind the run's lock until each
 * commits: of two last steps committing at once, at least the later one sees
 * no step open (the earlier one's change is committed by then), and settling
 * twice is harmless (settleRun takes the run's lock and checks again). A
 * process that dies between the commit and this check leaves a running run
 * with nothing open, which the reaper settles (reap-runs.ts).
 */
export async function settleRunIfIdle(runId: string): Promise<void> {
  // The ORDER BY is the (run, status, round) index's: with statistics that say most steps are open, the planner
  // otherwise took a sequential scan "to find one soon", which read thousands of finished steps (decision 0044).
  const open = await directSql().$queryRaw<unknown[]>`
    SELECT 1 FROM run_steps WHERE run_id = ${runId}::uuid AND status IN ('pending', 'running')
    ORDER BY run_id, status, round LIMIT 1`;
  if (open.length > 0) return;
  await getPrisma().$transaction((tx) => settleRun({ tx, runId }));
}

/**
 * The slots of this parent and round, and which of the parent and the children a person rejected: after the
 * siblings' lock, in a statement of its own (so it sees siblings committed while this step waited for it).
 */
async function readSiblings(
  tx: SqlClient,
  step: { runId: string; parentId: string; round: number },
  locked: boolean,
): Promise<Sibling[]> {
  if (!locked) await lockSiblings(tx, step.runId, step.parentId);
  return tx.$queryRaw<Sibling[]>`
    SELECT s.status::text AS status, s.passed, s.child_id::text AS "childId",
           (c.human_status = 'rejected') IS TRUE AS "childRejected",
           EXISTS (SELECT 1 FROM nodes p WHERE p.id = ${step.parentId}::uuid AND p.human_status = 'rejected')
             AS "parentRejected"
    FROM run_steps s LEFT JOIN nodes c ON c.id = s.child_id
    WHERE s.run_id = ${step.runId}::uuid AND s.parent_id = ${step.parentId}::uuid AND s.round = ${step.round}`;
}

async function readRun(tx: SqlClient, runId: string): Promise<RunToAdvance> {
  const [run] = await tx.$queryRaw<RunToAdvance[]>`
    SELECT id, status::text AS status, mode::text AS mode, rounds, config, batch, current_round AS "currentRound"
    FROM runs WHERE id = ${runId}::uuid`;
  if (!run) throw new Error(`run ${runId} is gone`);
  return run;
}

/** One branch slot of a parent in a round, and whether a person rejected its child or the parent. */
export interface Sibling {
  status: StepStatus;
  passed: boolean | null;
  childId: string | null;
  childRejected: boolean;
  parentRejected: boolean;
}

/** The pool rule for one parent: passing, unrejected children go on; if none passed, the parent is tried again. */
function frontierOf(parentId: string, siblings: Sibling[]): string[] {
  const rejectedByHuman = new Set<string>();
  if (siblings.some((s) => s.parentRejected)) rejectedByHuman.add(parentId);
  for (const s of siblings) if (s.childId && s.childRejected) rejectedByHuman.add(s.childId);
  return nextFrontier({
    frontier: [parentId],
    steps: siblings.map((s) => ({ parentId, childId: s.childId, passed: s.status === "done" && s.passed === true })),
    rejectedByHuman,
  });
}

/**
 * Once no step is open: marks the run complete (or waiting for review between
 * gated rounds), or stalled when steps failed for a reason that is not the LLM's.
 */
export async function settleRun(options: { tx: Prisma.TransactionClient; runId: string }) {
  const { tx, runId } = options;
  // Serialise the check per run: two last steps committing at once must not
  // both see the other still open.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run:${runId}`}))`;
  const open = await tx.runStep.findFirst({
    where: { runId, status: { in: OPEN_STEP } },
    orderBy: [{ runId: "asc" }, { status: "asc" }, { round: "asc" }],
    select: { id: true },
  });
  if (open) return;
  const run = await tx.run.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, mode: true, rounds: true, currentRound: true, releasingRound: true },
  });
  // A round still being released has steps to come (lib/server/runs/release-round.ts settles it when done).
  if (run.status !== "running" || run.releasingRound !== null) return;
  // Steps that failed for a reason that is not the LLM's hold their lineages back: the run waits for a retry.
  const stalled = await tx.runStep.findFirst({
    where: { runId, status: "failed", errorKind: WORKER_ERROR },
    select: { id: true },
  });
  if (stalled) {
    await tx.run.update({ where: { id: runId }, data: { status: "stalled" } });
  } else if (run.mode === "gated" && run.currentRound < run.rounds) {
    await tx.run.update({ where: { id: runId }, data: { status: "waiting_review" } });
  } else {
    await tx.run.update({ where: { id: runId }, data: { status: "completed", finishedAt: new Date() } });
  }
}

/**
 * advanceAfterStep for many steps (those stored together, complete-steps-together.ts), each with its parent's
 * slots read under the siblings' lock: the parents whose slots have all ended get their next steps, created for
 * each run and round in one statement and queued for each run in one more, and current_round follows the
 * furthest lineage (gated runs move it on release). Returns the runs that got new steps (the caller settles the
 * others once the transaction has committed).
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
    if (!mayAdvance(run, step)) continue;
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
    // Sent only when the run as read in this transaction is short of the round, and its condition leaves the run's
    // row unlocked for all but the first step to reach it. The run's lock is not taken here: the caller settles
    // the run after its commit (settleRunIfIdle).
    if (run.currentRound < reached)
      await tx.$executeRaw`UPDATE runs SET current_round = ${reached}
        WHERE id = ${run.id}::uuid AND current_round < ${reached}`;
  }
  return new Set(created.keys());
}
