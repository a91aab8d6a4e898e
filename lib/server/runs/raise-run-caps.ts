import { Prisma, type Run } from "@/lib/generated/prisma/client";
import { ConflictError } from "@/lib/server/errors";
import { settleIdleLeftovers, type BudgetStop } from "./run-budget";

const fmt = (n: number) => n.toLocaleString("en-US");
const usd = (d: Prisma.Decimal) => `$${d.toDecimalPlaces(4, Prisma.Decimal.ROUND_UP).toFixed(4)}`;

/** The least each cap must be for a run to send its next call: spent + in flight (+ the call it stopped at). */
export function capsNeeded(run: {
  status: string;
  spentTokens: bigint;
  reservedTokens: bigint;
  spentCostUsd: Prisma.Decimal;
  reservedCostUsd: Prisma.Decimal;
  budgetStop: unknown;
}) {
  const stop = run.status === "budget_reached" ? (run.budgetStop as BudgetStop | null) : null;
  return {
    tokens: Number(run.spentTokens) + Number(run.reservedTokens) + (stop?.nextCallTokens ?? 0),
    costUsd: run.spentCostUsd.plus(run.reservedCostUsd).plus(stop?.nextCallCostUsd ?? 0),
    stop,
  };
}

/**
 * Sets new caps on a capped run being resumed, refusing caps that leave no
 * room for its next call (a run stopped at its cap would stop again at once).
 * Only caps the run has can be changed.
 */
export async function raiseRunCaps(options: {
  tx: Prisma.TransactionClient;
  run: Pick<Run, "id" | "status" | "maxTokens" | "maxCostUsd">;
  maxTokens?: number;
  maxCostUsd?: number;
}) {
  const { tx, run } = options;
  if (options.maxTokens !== undefined && run.maxTokens === null)
    throw new ConflictError("This run has no token cap to raise.");
  if (options.maxCostUsd !== undefined && run.maxCostUsd === null)
    throw new ConflictError("This run has no cost cap to raise.");
  if (run.maxTokens === null && run.maxCostUsd === null) return;
  // What a dead worker left held is settled first, so it does not count as in flight.
  await settleIdleLeftovers({ runId: run.id, db: tx });
  const fresh = await tx.run.findUniqueOrThrow({
    where: { id: run.id },
    select: {
      status: true,
      spentTokens: true,
      reservedTokens: true,
      spentCostUsd: true,
      reservedCostUsd: true,
      budgetStop: true,
    },
  });
  const needed = capsNeeded(fresh);
  const tokenCap = options.maxTokens ?? (run.maxTokens === null ? null : Number(run.maxTokens));
  const costCap =
    options.maxCostUsd !== undefined ? new Prisma.Decimal(options.maxCostUsd).toDecimalPlaces(4) : run.maxCostUsd;
  const problems: string[] = [];
  if (tokenCap !== null && tokenCap < needed.tokens)
    problems.push(
      `the token cap to at least ${fmt(needed.tokens)} (${fmt(Number(fresh.spentTokens))} spent, ` +
        `${fmt(Number(fresh.reservedTokens))} in flight${needed.stop ? `, the next call up to ${fmt(needed.stop.nextCallTokens)}` : ""})`,
    );
  if (costCap !== null && costCap.lessThan(needed.costUsd))
    problems.push(
      `the cost cap to at least ${usd(needed.costUsd)} (${usd(fresh.spentCostUsd)} spent, ` +
        `${usd(fresh.reservedCostUsd)} in flight${needed.stop ? `, the next call up to ${usd(new Prisma.Decimal(needed.stop.nextCallCostUsd))}` : ""})`,
    );
  if (problems.length > 0) throw new ConflictError(`To resume, raise ${problems.join(" and ")}.`);
  await tx.run.update({
    where: { id: run.id },
    data: {
      ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
      ...(options.maxCostUsd !== undefined ? { maxCostUsd: costCap } : {}),
    },
  });
}
