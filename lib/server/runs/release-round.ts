import type { Prisma, RunStatus } from "@/lib/generated/prisma/client";
import { nextFrontier } from "@/lib/evolution/scheduling";
import { getPrisma } from "@/lib/server/db/prisma";
import { enqueueReleaseJob } from "@/lib/server/jobs/release-job";
import { settleRun } from "./advance-after-step";
import { createSteps } from "./create-steps";
import { enqueueRunSteps } from "./enqueue-run-steps";
import { parseRunConfig } from "./run-config";
import { seedWhere } from "./seed-selection";

type Tx = Prisma.TransactionClient;

/** Parents per batch: at most 5,000 steps (k ≤ 5), a few seconds of work in one transaction. */
export const RELEASE_BATCH_PARENTS = 1_000;

const ENDED: RunStatus[] = ["cancelled", "completed", "failed"];

/**
 * Marks `round` of a run as being released and queues the job that creates
 * its steps, in the caller's transaction. Until the job is done the run is
 * never settled (see settleRun), so a round whose first steps finish early is
 * not mistaken for a finished one.
 */
export async function beginRelease(options: { tx: Tx; runId: string; round: number }) {
  await options.tx.run.update({
    where: { id: options.runId },
    data: { releasingRound: options.round, releaseCursor: null },
  });
  await enqueueReleaseJob(options.tx, options.runId);
}

/**
 * The release job: creates the round's steps in batches of parents, each in
 * its own transaction with the steps' jobs and the cursor of the last parent
 * done, so a job that dies is rerun from where it stopped and nothing is
 * created or queued twice. Round 1 grows from the run's seeds, later rounds
 * from the pool rule over the previous round's steps.
 */
export async function releaseRoundJob(options: { runId: string; maxBatches?: number }): Promise<void> {
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const { done } = await getPrisma().$transaction((tx) => releaseBatch({ tx, runId: options.runId }), {
      timeout: 120_000,
      maxWait: 30_000,
    });
    if (done) return;
  }
}

/**
 * Releases up to `maxBatches` batches in the caller's transaction (a small
 * run starts whole, as before); when more are left, queues the job for them.
 */
export async function releaseInline(options: { tx: Tx; runId: string; maxBatches: number }) {
  let created = 0;
  for (let batch = 0; batch < options.maxBatches; batch++) {
    const result = await releaseBatch(options);
    created += result.created;
    if (result.done) return { created, queued: false };
  }
  await enqueueReleaseJob(options.tx, options.runId);
  return { created, queued: true };
}

/** One batch: creates (and, for a running run, queues) the steps of the next parents; done once none is left. */
export async function releaseBatch(options: { tx: Tx; runId: string }): Promise<{ done: boolean; created: number }> {
  const { tx, runId } = options;
  // The run's lock, as pause, resume and cancel take it (and before its row, in the same order, so the
  // two never deadlock): a control command waits for this batch, so a resume queues the steps it creates
  // and a cancel cancels them.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`run:${runId}`}))`;
  const [run] = await tx.$queryRaw<
    {
      status: RunStatus;
      releasing_round: number | null;
      release_cursor: string | null;
      project_id: string;
      batch: boolean;
    }[]
  >`SELECT status, releasing_round, release_cursor, project_id, batch FROM runs WHERE id = ${runId}::uuid FOR SHARE`;
  if (!run || run.releasing_round === null) return { done: true, created: 0 };
  const finish = async () => {
    await tx.run.update({ where: { id: runId }, data: { releasingRound: null, releaseCursor: null } });
    await settleRun({ tx, runId });
    return { done: true, created: 0 };
  };
  if (ENDED.includes(run.status)) return finish();
  const { config } = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { config: true } });
  const parsed = parseRunConfig(config);
  const round = run.releasing_round;
  const batch =
    round === 1
      ? await seedBatch({ tx, projectId: run.project_id, config: parsed, cursor: run.release_cursor })
      : await frontierBatch({ tx, runId, round: round - 1, cursor: run.release_cursor });
  if (!batch) return finish();
  const created = await createSteps({ tx, runId, config: parsed, round, parents: batch.parents });
  if (run.status === "running") await enqueueRunSteps({ tx, run: { id: runId, batch: run.batch }, stepIds: created });
  await tx.run.update({ where: { id: runId }, data: { releaseCursor: batch.cursor } });
  return { done: false, created: created.length };
}

/** The next seeds of the run's selection after `cursor`, by id (the order a seed limit counts in). */
async function seedBatch(options: {
  tx: Tx;
  projectId: string;
  config: ReturnType<typeof parseRunConfig>;
  cursor: string | null;
}) {
  const { config } = options;
  if (config.comparisonId) return sampleBatch({ ...options, comparisonId: config.comparisonId });
  const where = seedWhere({ projectId: options.projectId, query: config.seedQuery });
  const upTo = config.lastSeedId ? { lte: config.lastSeedId } : {};
  const seeds = await options.tx.node.findMany({
    where: { ...where, id: options.cursor ? { gt: options.cursor, ...upTo } : upTo },
    orderBy: { id: "asc" },
    take: RELEASE_BATCH_PARENTS,
    select: { id: true },
  });
  if (seeds.length === 0) return null;
  return { parents: seeds.map((s) => ({ id: s.id, rootId: s.id })), cursor: seeds.at(-1)!.id };
}

/** The next seeds of a comparison's sample after `cursor`, by id: exactly the ids drawn when it started. */
async function sampleBatch(options: { tx: Tx; projectId: string; comparisonId: string; cursor: string | null }) {
  const seeds = await options.tx.$queryRaw<{ id: string }[]>`
    SELECT n.id FROM comparisons c
    CROSS JOIN LATERAL unnest(c.seed_ids) AS s(id)
    JOIN nodes n ON n.id = s.id AND n.project_id = c.project_id AND n.parent_id IS NULL
    WHERE c.id = ${options.comparisonId}::uuid AND (${options.cursor}::uuid IS NULL OR s.id > ${options.cursor}::uuid)
    ORDER BY s.id
    LIMIT ${RELEASE_BATCH_PARENTS}`;
  if (seeds.length === 0) return null;
  return { parents: seeds.map((s) => ({ id: s.id, rootId: s.id })), cursor: seeds.at(-1)!.id };
}

/** The next frontier after `round` for a batch of that round's parents (by id after `cursor`). */
async function frontierBatch(options: { tx: Tx; runId: string; round: number; cursor: string | null }) {
  const { tx, runId, round, cursor } = options;
  const parents = await tx.$queryRaw<{ parent_id: string }[]>`
    SELECT DISTINCT parent_id FROM run_steps
    WHERE run_id = ${runId}::uuid AND round = ${round} AND (${cursor}::uuid IS NULL OR parent_id > ${cursor}::uuid)
    ORDER BY parent_id LIMIT ${RELEASE_BATCH_PARENTS}`;
  if (parents.length === 0) return null;
  const ids = parents.map((p) => p.parent_id);
  const steps = await tx.runStep.findMany({
    where: { runId, round, parentId: { in: ids } },
    select: { parentId: true, rootId: true, status: true, passed: true, childId: true },
  });
  const rootOf = new Map<string, string>();
  for (const s of steps) {
    rootOf.set(s.parentId, s.rootId);
    if (s.childId) rootOf.set(s.childId, s.rootId);
  }
  const rejected = await tx.node.findMany({
    where: { id: { in: [...rootOf.keys()] }, humanStatus: "rejected" },
    select: { id: true },
  });
  const frontier = nextFrontier({
    frontier: ids,
    steps: steps.map((s) => ({
      parentId: s.parentId,
      childId: s.childId,
      passed: s.status === "done" && s.passed === true,
    })),
    rejectedByHuman: new Set(rejected.map((r) => r.id)),
  });
  return { parents: frontier.map((id) => ({ id, rootId: rootOf.get(id)! })), cursor: ids.at(-1)! };
}
