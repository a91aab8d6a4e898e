import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { WORKER_ERROR } from "./advance-after-step";

export interface StalledSteps {
  /** Steps that failed for a reason that is not the LLM's, waiting for a retry. */
  failed: number;
  /** Why, grouped (most steps first); annotators get one line without the worker's text. */
  reasons: { reason: string; steps: number }[];
  /** A round whose steps could not all be created (its release job gave up): the round and why. */
  release: { round: number; reason: string } | null;
}

/**
 * Why a run's steps failed on their workers, or its round release gave up
 * (the run page's "Stalled" notice); null when neither.
 */
export async function getStalledSteps(options: {
  runId: string;
  viewer: { role: "admin" | "annotator" };
  db?: Prisma.TransactionClient;
}): Promise<StalledSteps | null> {
  const db = options.db ?? getPrisma();
  const run = await db.run.findUnique({
    where: { id: options.runId },
    select: { status: true, releasingRound: true, error: true },
  });
  const release =
    run?.status === "stalled" && run.releasingRound !== null
      ? {
          round: run.releasingRound,
          reason:
            options.viewer.role === "admin"
              ? (run.error ?? "unknown")
              : "an error on the worker while creating the round's steps (an admin sees the details)",
        }
      : null;
  const groups = await db.runStep.groupBy({
    by: ["error"],
    where: { runId: options.runId, status: "failed", errorKind: WORKER_ERROR },
    _count: true,
  });
  const failed = groups.reduce((sum, g) => sum + g._count, 0);
  if (failed === 0 && !release) return null;
  const reasons =
    options.viewer.role === "admin"
      ? groups
          .map((g) => ({ reason: g.error ?? "unknown", steps: g._count }))
          .sort((a, b) => b.steps - a.steps)
          .slice(0, 5)
      : [{ reason: "an error on the worker (an admin sees the details)", steps: failed }];
  return { failed, reasons, release };
}
