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
 * LLM calls and the nodes they made, summed per run, round, operation (and
 * role), in two grouped statements. A call finds its step by its request key
 * (`<step key>:<role>`, lib/server/runs/step-key.ts); failed attempts are stored
 * without one, so they (and their tokens, if a provider billed any) count for
 * the run but no round or operation. A node finds its step by its step key
 * too (not run_steps.child_id, which a step failed meanwhile never gets).
 */
export async function queryCostRows(options: { runId: string } | { projectId: string }): Promise<CostRows> {
  const prisma = getPrisma();
  const runs = await prisma.run.findMany({
    where: "runId" in options ? { id: options.runId } : { projectId: options.projectId },
    select: { id: true, config: true },
    orderBy: { createdAt: "asc" },
  });
  if (runs.length === 0) return { calls: [], yields: [], prices: {}, runNames: {} };
  const ids = Prisma.sql`${runs.map((r) => r.id)}::uuid[]`;
  const [calls, yields] = await Promise.all([
    prisma.$queryRaw<
      {
        run_id: string;
        round: number | null;
        operation: string | null;
        role: string;
        calls: bigint;
        pt: bigint | null;
        ct: bigint | null;
      }[]
    >`
      SELECT c.run_id::text, s.round, s.operation::text, c.role::text, count(*) AS calls,
             sum(c.prompt_tokens) AS pt, sum(c.completion_tokens) AS ct
      FROM llm_calls c
      LEFT JOIN run_steps s ON s.step_key = left(c.request_key, length(c.request_key) - length(c.role::text) - 1)
      WHERE c.run_id = ANY(${ids}) GROUP BY 1, 2, 3, 4`,
    prisma.$queryRaw<{ run_id: string; round: number; operation: string; passing: bigint; accepted: bigint }[]>`
      SELECT s.run_id::text, s.round, s.operation::text,
             count(*) FILTER (WHERE n.verdict = 'passed') AS passing,
             count(*) FILTER (WHERE n.human_status = 'accepted') AS accepted
      FROM nodes n JOIN run_steps s ON s.step_key = n.step_key
      WHERE n.run_id = ANY(${ids}) GROUP BY 1, 2, 3`,
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
