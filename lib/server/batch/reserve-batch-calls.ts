import { NO_PRICE, worstCaseOfCall, type ModelPrice } from "@/lib/evolution/call-budget";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { uuid7 } from "@/lib/server/db/uuid7";
import type { BudgetStop } from "@/lib/server/runs/run-budget";
import type { RunConfig } from "@/lib/server/runs/run-config";
import type { StepBatchCall } from "./submit-batches";

const money = (usd: number) => usd.toFixed(10);

interface RunSpend {
  status: string;
  max_tokens: bigint | null;
  max_cost_usd: string | null;
  spent_tokens: bigint;
  reserved_tokens: bigint;
  spent_cost_usd: string;
  reserved_cost_usd: string;
}

/** A call's worst case at the run's batch price (LLM_PRICES × LLM_BATCH_PRICE_FACTOR when it started). */
export function batchWorstCase(call: StepBatchCall, config: RunConfig) {
  const factor = config.batchPriceFactor ?? 1;
  const full: ModelPrice = config.prices?.[call.role] ?? NO_PRICE;
  const price = {
    promptPerMillion: full.promptPerMillion * factor,
    completionPerMillion: full.completionPerMillion * factor,
  };
  const prompt = (call.body as { messages: { content: string }[] }).messages.map((m) => m.content).join("\n");
  return { price, ...worstCaseOfCall({ prompt, maxTokens: config.llm[call.role].maxTokens, price }) };
}

/**
 * For a capped batch-mode run, in the transaction that stores the batches:
 * reserves each line's worst case at the batch price, in order, as long as
 * the cap holds (the same reservation rows a live call holds, tied to its
 * step; settled when the batch is collected). The lines that do not fit wait
 * for lines in flight to settle; one that would not fit even then stops the
 * run at its cap, as a live call does. Returns the lines that fit.
 */
export async function reserveBatchCalls(options: {
  tx: Prisma.TransactionClient;
  runId: string;
  config: RunConfig;
  calls: StepBatchCall[];
}): Promise<StepBatchCall[]> {
  const { tx, runId } = options;
  const [run] = await tx.$queryRaw<RunSpend[]>`
    SELECT status::text, max_tokens, max_cost_usd::text, spent_tokens, reserved_tokens,
           spent_cost_usd::text, reserved_cost_usd::text
    FROM runs WHERE id = ${runId}::uuid FOR UPDATE`;
  if (!run || run.status !== "running") return [];
  const maxTokens = run.max_tokens === null ? Infinity : Number(run.max_tokens);
  const maxCost = run.max_cost_usd === null ? Infinity : Number(run.max_cost_usd);
  const spent = { tokens: Number(run.spent_tokens), cost: Number(run.spent_cost_usd) };
  let held = { tokens: Number(run.reserved_tokens), cost: Number(run.reserved_cost_usd) };
  const fit: { call: StepBatchCall; worst: ReturnType<typeof batchWorstCase> }[] = [];
  for (const call of options.calls) {
    const worst = batchWorstCase(call, options.config);
    const tokens = spent.tokens + held.tokens + worst.tokens;
    const cost = spent.cost + held.cost + worst.costUsd;
    if (tokens <= maxTokens && cost <= maxCost) {
      fit.push({ call, worst });
      held = { tokens: held.tokens + worst.tokens, cost: held.cost + worst.costUsd };
      continue;
    }
    const over =
      spent.tokens + worst.tokens > maxTokens ? "tokens" : spent.cost + worst.costUsd > maxCost ? "cost" : null;
    if (over) await stopAtCap({ tx, runId, run, cause: over, next: worst });
    break;
  }
  if (fit.length === 0) return [];
  const rows = fit.map(({ call, worst }) => ({ id: uuid7(), call, worst }));
  await tx.$executeRaw`
    INSERT INTO run_reservations (id, run_id, step_id, request_key, tokens, cost_usd,
                                  prompt_usd_per_million, completion_usd_per_million)
    SELECT t.id, ${runId}::uuid, t.step_id, t.request_key, t.tokens, t.cost_usd, t.prompt, t.completion
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.call.stepId)}::uuid[],
                ${rows.map((r) => r.call.customId)}::text[], ${rows.map((r) => r.worst.tokens)}::bigint[],
                ${rows.map((r) => money(r.worst.costUsd))}::numeric[],
                ${rows.map((r) => money(r.worst.price.promptPerMillion))}::numeric[],
                ${rows.map((r) => money(r.worst.price.completionPerMillion))}::numeric[])
         AS t(id, step_id, request_key, tokens, cost_usd, prompt, completion)`;
  const total = rows.reduce((sum, r) => ({ tokens: sum.tokens + r.worst.tokens, cost: sum.cost + r.worst.costUsd }), {
    tokens: 0,
    cost: 0,
  });
  await tx.$executeRaw`
    UPDATE runs SET reserved_tokens = reserved_tokens + ${total.tokens}::bigint,
                    reserved_cost_usd = reserved_cost_usd + ${money(total.cost)}::numeric
    WHERE id = ${runId}::uuid`;
  return rows.map((r) => r.call);
}

async function stopAtCap(options: {
  tx: Prisma.TransactionClient;
  runId: string;
  run: RunSpend;
  cause: "tokens" | "cost";
  next: { tokens: number; costUsd: number };
}) {
  const { run } = options;
  const stop: BudgetStop = {
    at: new Date().toISOString(),
    cause: options.cause,
    spentTokens: Number(run.spent_tokens),
    spentCostUsd: Number(run.spent_cost_usd),
    inFlightTokens: Number(run.reserved_tokens),
    inFlightCostUsd: Number(run.reserved_cost_usd),
    nextCallTokens: options.next.tokens,
    nextCallCostUsd: options.next.costUsd,
  };
  await options.tx.$executeRaw`
    UPDATE runs SET status = 'budget_reached', budget_stop = ${JSON.stringify(stop)}::jsonb
    WHERE id = ${options.runId}::uuid AND status = 'running'`;
  await recordAuditEvent({
    db: options.tx,
    actorId: null,
    action: "run.budget_reached",
    targetType: "run",
    targetId: options.runId,
    data: { ...stop },
  });
}
