import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { WORKER_ERROR } from "./advance-after-step";

export interface StalledSteps {
  /** Steps that failed for a reason that is not the LLM's, waiting for a retry. */
  failed: number;
  /** Why, grouped (most steps first); annotators get one line without the worker's text. */
  reasons: { reason: string; steps: number }[];
}

/** Why a run's steps failed on their workers (the run page's "Stalled" notice); null when none did. */
export async function getStalledSteps(options: {
  runId: string;
  viewer: { role: "admin" | "annotator" };
  db?: Prisma.TransactionClient;
}): Promise<StalledSteps | null> {
  const groups = await (options.db ?? getPrisma()).runStep.groupBy({
    by: ["error"],
    where: { runId: options.runId, status: "failed", errorKind: WORKER_ERROR },
    _count: true,
  });
  const failed = groups.reduce((sum, g) => sum + g._count, 0);
  if (failed === 0) return null;
  const reasons =
    options.viewer.role === "admin"
      ? groups
          .map((g) => ({ reason: g.error ?? "unknown", steps: g._count }))
          .sort((a, b) => b.steps - a.steps)
          .slice(0, 5)
      : [{ reason: "an error on the worker (an admin sees the details)", steps: failed }];
  return { failed, reasons };
}
