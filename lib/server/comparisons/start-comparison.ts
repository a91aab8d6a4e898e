import { drawSample } from "@/lib/evolution/draw-sample";
import { createRandom } from "@/lib/evolution/random";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getPrisma } from "@/lib/server/db/prisma";
import { UserFacingError } from "@/lib/server/errors";
import { prepareRun } from "@/lib/server/runs/prepare-run";
import { seedWhere } from "@/lib/server/runs/seed-selection";
import { createRun, releaseRun } from "@/lib/server/runs/start-run";
import type { ComparisonSide, StartComparisonOptions } from "@/lib/validation/comparisons";

/**
 * Starts a comparison: draws the seed sample once (a uniform draw of the seeds
 * the filter matches, up to the limit), then creates both runs, the comparison
 * and both first rounds in one transaction. The runs share every option but
 * the method, version and weights, and both evolve exactly the drawn seeds.
 */
export async function startComparison(options: StartComparisonOptions & { actorId: string | null }) {
  const prisma = getPrisma();
  const { a, b, ...shared } = options;
  const [{ id }] = await prisma.$queryRaw<{ id: string }[]>`SELECT uuidv7()::text AS id`;
  const matching = await prisma.node.findMany({
    where: seedWhere({ projectId: options.projectId, query: options.seedQuery }),
    select: { id: true },
    orderBy: { id: "asc" },
  });
  // Drawn from the comparison's id: the same comparison would draw the same seeds.
  const seedIds = drawSample(
    matching.map((n) => n.id),
    options.seedLimit ?? matching.length,
    createRandom(id),
  ).sort();
  const runOptions = (side: ComparisonSide, label: "A" | "B") => ({
    ...shared,
    ...side,
    name: `${options.name || "Comparison"} · ${label}`,
    sample: { comparisonId: id, seeds: seedIds.length },
  });
  const [preparedA, preparedB] = await Promise.all([prepareRun(runOptions(a, "A")), prepareRun(runOptions(b, "B"))]);
  if (
    preparedA.method.id === preparedB.method.id &&
    JSON.stringify(preparedA.config.weights) === JSON.stringify(preparedB.config.weights)
  )
    throw new UserFacingError(
      `Both runs would use ${preparedA.method.method} v${preparedA.method.version} with the same weights: ` +
        "change the method, version or weights of one.",
    );
  return prisma.$transaction(
    async (tx) => {
      const runA = await createRun({ tx, options: runOptions(a, "A"), prepared: preparedA });
      const runB = await createRun({ tx, options: runOptions(b, "B"), prepared: preparedB });
      await tx.comparison.create({
        data: {
          id,
          projectId: options.projectId,
          name: options.name,
          runAId: runA.id,
          runBId: runB.id,
          seedQuery: options.seedQuery,
          seedLimit: options.seedLimit ?? null,
          seedIds,
          createdById: options.actorId,
        },
      });
      const startedA = await releaseRun({ tx, options: runOptions(a, "A"), prepared: preparedA, runId: runA.id });
      const startedB = await releaseRun({ tx, options: runOptions(b, "B"), prepared: preparedB, runId: runB.id });
      await recordAuditEvent({
        db: tx,
        actorId: options.actorId,
        action: "comparison.start",
        targetType: "comparison",
        targetId: id,
        data: { seeds: seedIds.length, runs: [runA.id, runB.id], methods: [startedA.method, startedB.method] },
      });
      return { id, seeds: seedIds.length, runs: [startedA, startedB] as const };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
