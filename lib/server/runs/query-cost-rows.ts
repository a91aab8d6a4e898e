import type { CallSumRow, RunPrices, YieldRow } from "@/lib/evolution/cost-breakdown";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { runConfigSchema } from "./run-config";

/** A step's group: the round and operation of the step that made the call or the node. */
export interface StepGroup {
  round: number | null;
  operation: string | null;
}

export interface CostRows {
  calls: (CallSumRow<never> & StepGroup)[];
  yields: (Omit<YieldRow<never>, "key"> & { runId: string; round: number; operation: string })[];
  prices: RunPrices;
  runNames: Record<string, string>;
}

const n = (v: bigint | number | null) => Number(v ?? 0);

/**
 * LLM calls and the nodes they made, per run, round, operation (and role).
 * The sums are kept by triggers as calls and nodes are written (migration
 * 20261204130000), so this reads a few rows per run whatever its size. A call
 * counts for its step's round and operation, found by its request key
 * (`<step key>:<role>`, lib/server/runs/step-key.ts); failed attempts are
 * stored without one, so they (and their tokens, if a provider billed any)
 * count for the run but no round or operation. A node counts for the step
 * that made it (its step key, not run_steps.child_id, which a step failed
 * meanwhile never gets); accepted nodes are read from the dashboard's figures,
 * kept as nodes change (kind "accepted", decision 0037).
 */
export async function queryCostRows(options: { runId: string } | { projectId: string }): Promise<CostRows> {
  const prisma = getPrisma();
  const runs = await prisma.run.findMany({
    where: "runId" in options ? { id: options.runId } : { projectId: options.projectId },
    select: { id: true, projectId: true, config: true },
    orderBy: { createdAt: "asc" },
  });
  if (runs.length === 0) return { calls: [], yields: [], prices: {}, runNames: {} };
  const ids = Prisma.sql`${runs.map((r) => r.id)}::uuid[]`;
  const projects = Prisma.sql`${[...new Set(runs.map((r) => r.projectId))]}::uuid[]`;
  const [calls, yields] = await Promise.all([
    prisma.$queryRaw<
      {
        run_id: string;
        round: number | null;
        operation: string | null;
        role: string;
        calls: bigint;
        pt: bigint;
        ct: bigint;
      }[]
    >`
      SELECT run_id::text, round, operation::text, role::text, sum(calls) AS calls, sum(prompt_tokens) AS pt,
             sum(completion_tokens) AS ct
      FROM run_call_sums WHERE run_id = ANY(${ids})
      GROUP BY run_id, round, operation, role`,
    prisma.$queryRaw<{ run_id: string; round: number; operation: string; passing: bigint; accepted: bigint }[]>`
      SELECT s.run_id::text, s.round, s.operation::text, s.passing, coalesce(a.accepted, 0) AS accepted
      FROM (SELECT run_id, round, operation, sum(passing) AS passing FROM run_node_sums
            WHERE run_id = ANY(${ids}) GROUP BY 1, 2, 3) s
      LEFT JOIN (
        SELECT run_id, round, operation, sum(nodes) AS accepted
        FROM (SELECT run_id, round, operation, nodes FROM dashboard_totals
              WHERE project_id = ANY(${projects}) AND kind = 'accepted' AND run_id = ANY(${ids})
              UNION ALL
              SELECT run_id, round, operation, nodes FROM dashboard_deltas
              WHERE project_id = ANY(${projects}) AND kind = 'accepted' AND run_id = ANY(${ids})) x
        GROUP BY 1, 2, 3
      ) a ON a.run_id = s.run_id AND a.round = s.round AND a.operation = s.operation
      WHERE s.run_id = ANY(${ids})`,
  ]);
  const configs = runs.map((run) => ({ id: run.id, config: runConfigSchema.partial().safeParse(run.config).data }));
  return {
    calls: calls.map((r) => ({
      key: null,
      runId: r.run_id,
      round: r.round,
      operation: r.operation,
      role: r.role,
      calls: n(r.calls),
      promptTokens: n(r.pt),
      completionTokens: n(r.ct),
    })),
    yields: yields.map((r) => ({
      runId: r.run_id,
      round: r.round,
      operation: r.operation,
      passing: n(r.passing),
      accepted: n(r.accepted),
    })),
    prices: Object.fromEntries(configs.map((c) => [c.id, c.config?.prices ?? {}])),
    runNames: Object.fromEntries(configs.map((c) => [c.id, c.config?.name ?? ""])),
  };
}
