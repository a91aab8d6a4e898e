import { costOf, NO_PRICE, worstCaseOfCall, type ModelPrice } from "@/lib/evolution/call-budget";
import { Prisma, type LlmRole } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getEnv } from "@/lib/server/config/env";
import { getPrisma } from "@/lib/server/db/prisma";
import { uuid7 } from "@/lib/server/db/uuid7";
import type { BudgetHold, LlmBudget } from "@/lib/server/llm/llm-budget";

/** A capped run's next call was not sent: its step waits, like a paused run's, until the cap is raised. */
export class BudgetReachedError extends Error {}

/** Where a capped run stopped (runs.budget_stop), for the run page and the resume check. */
export interface BudgetStop {
  at: string;
  /** "tokens" or "cost": the cap the next call would have crossed; "wait": calls in flight did not settle in time. */
  cause: "tokens" | "cost" | "wait";
  spentTokens: number;
  spentCostUsd: number;
  inFlightTokens: number;
  inFlightCostUsd: number;
  nextCallTokens: number;
  nextCallCostUsd: number;
}

type Db = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

const money = (usd: number) => usd.toFixed(10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ReserveOutcome {
  held: number;
  status: string;
  tokens_over: boolean;
  cost_over: boolean;
  spent_tokens: bigint;
  reserved_tokens: bigint;
  spent_cost_usd: string;
  reserved_cost_usd: string;
}

/**
 * The budget of one step of a capped run. Before each call its worst case is
 * reserved in one statement that checks and adds under the run row's lock, so
 * any number of workers together never hold more than the cap. A call that
 * does not fit only because of calls in flight waits for them to settle; one
 * that would not fit even then stops the run (budget_reached) and is not sent.
 */
export function stepBudget(options: {
  runId: string;
  stepId: string;
  prices?: Partial<Record<LlmRole, ModelPrice>>;
  /** How long a call may wait for calls in flight to settle (default: one LLM timeout + 30 s). */
  waitLimitMs?: number;
}): LlmBudget {
  const { runId, stepId } = options;
  return {
    async reserve(call) {
      const price = options.prices?.[call.role] ?? NO_PRICE;
      const worst = worstCaseOfCall({ prompt: call.prompt, maxTokens: call.maxTokens, price });
      const deadline = Date.now() + (options.waitLimitMs ?? getEnv().LLM_TIMEOUT_MS + 30_000);
      for (let wait = 50; ; wait = Math.min(500, wait * 2)) {
        const id = uuid7();
        const [outcome] = await getPrisma().$queryRaw<ReserveOutcome[]>`
          WITH fit AS (
            UPDATE runs SET reserved_tokens = reserved_tokens + ${worst.tokens}::bigint,
                            reserved_cost_usd = reserved_cost_usd + ${money(worst.costUsd)}::numeric
            WHERE id = ${runId}::uuid
              AND (max_tokens IS NULL OR spent_tokens + reserved_tokens + ${worst.tokens}::bigint <= max_tokens)
              AND (max_cost_usd IS NULL OR spent_cost_usd + reserved_cost_usd + ${money(worst.costUsd)}::numeric <= max_cost_usd)
            RETURNING id),
          held AS (
            INSERT INTO run_reservations (id, run_id, step_id, request_key, tokens, cost_usd,
                                          prompt_usd_per_million, completion_usd_per_million)
            SELECT ${id}::uuid, fit.id, ${stepId}::uuid, ${call.requestKey}, ${worst.tokens}::bigint,
                   ${money(worst.costUsd)}::numeric, ${money(price.promptPerMillion)}::numeric,
                   ${money(price.completionPerMillion)}::numeric
            FROM fit RETURNING id)
          SELECT (SELECT count(*) FROM held)::int AS held, r.status::text AS status,
                 (r.max_tokens IS NOT NULL AND r.spent_tokens + ${worst.tokens}::bigint > r.max_tokens) AS tokens_over,
                 (r.max_cost_usd IS NOT NULL AND r.spent_cost_usd + ${money(worst.costUsd)}::numeric > r.max_cost_usd) AS cost_over,
                 r.spent_tokens, r.reserved_tokens, r.spent_cost_usd::text, r.reserved_cost_usd::text
          FROM runs r WHERE r.id = ${runId}::uuid`;
        if (!outcome) throw new BudgetReachedError("the run no longer exists");
        if (outcome.held === 1) return holdOf({ id, runId, worst, price });
        // Over the cap even once everything in flight has settled, or waited long enough: stop the run.
        const over = outcome.tokens_over ? "tokens" : outcome.cost_over ? "cost" : null;
        if (over || Date.now() + wait > deadline) {
          await stopRun({ runId, cause: over ?? "wait", outcome, next: worst });
          throw new BudgetReachedError(`the run's ${over === "cost" ? "cost" : "token"} cap is reached`);
        }
        // Paused, cancelled or already stopped: nothing to wait for.
        if (outcome.status !== "running") throw new BudgetReachedError(`the run is ${outcome.status}`);
        await sleep(wait + Math.random() * wait);
      }
    },
  };
}

function holdOf(options: {
  id: string;
  runId: string;
  worst: { tokens: number; costUsd: number };
  price: ModelPrice;
}): BudgetHold {
  const { id, runId, worst, price } = options;
  return {
    async settle(usage) {
      const known = usage.promptTokens !== null && usage.completionTokens !== null;
      const tokens = known ? usage.promptTokens! + usage.completionTokens! : worst.tokens;
      const cost = known
        ? costOf({ prompt: usage.promptTokens!, completion: usage.completionTokens! }, price)
        : worst.costUsd;
      // Spent is counted even if the reservation is gone (a rerun of the step
      // took it over): counting a paid call twice errs on the safe side.
      await getPrisma().$executeRaw`
        WITH gone AS (DELETE FROM run_reservations WHERE id = ${id}::uuid RETURNING tokens, cost_usd)
        UPDATE runs SET reserved_tokens = reserved_tokens - coalesce((SELECT tokens FROM gone), 0),
                        reserved_cost_usd = reserved_cost_usd - coalesce((SELECT cost_usd FROM gone), 0),
                        spent_tokens = spent_tokens + ${tokens}::bigint,
                        spent_cost_usd = spent_cost_usd + ${money(cost)}::numeric
        WHERE id = ${runId}::uuid`;
    },
    async release() {
      await getPrisma().$executeRaw`
        WITH gone AS (DELETE FROM run_reservations WHERE id = ${id}::uuid RETURNING tokens, cost_usd)
        UPDATE runs SET reserved_tokens = reserved_tokens - gone.tokens,
                        reserved_cost_usd = reserved_cost_usd - gone.cost_usd
        FROM gone WHERE runs.id = ${runId}::uuid`;
    },
  };
}

async function stopRun(options: {
  runId: string;
  cause: BudgetStop["cause"];
  outcome: ReserveOutcome;
  next: { tokens: number; costUsd: number };
}) {
  const { outcome } = options;
  const stop: BudgetStop = {
    at: new Date().toISOString(),
    cause: options.cause,
    spentTokens: Number(outcome.spent_tokens),
    spentCostUsd: Number(outcome.spent_cost_usd),
    inFlightTokens: Number(outcome.reserved_tokens),
    inFlightCostUsd: Number(outcome.reserved_cost_usd),
    nextCallTokens: options.next.tokens,
    nextCallCostUsd: options.next.costUsd,
  };
  const stopped = await getPrisma().$executeRaw`
    UPDATE runs SET status = 'budget_reached', budget_stop = ${JSON.stringify(stop)}::jsonb
    WHERE id = ${options.runId}::uuid AND status IN ('running', 'paused')`;
  if (stopped > 0)
    await recordAuditEvent({
      actorId: null,
      action: "run.budget_reached",
      targetType: "run",
      targetId: options.runId,
      data: { ...stop },
    });
}

/**
 * Settles what earlier attempts of a step left held: only a dead worker
 * leaves a reservation behind (a live one settles or releases its own), and
 * one job per step runs at a time. A call whose reply was stored is counted
 * as spent at the prices it was reserved at; one that never got a reply
 * (or whose reply was lost with the worker) is given back. A reservation for
 * a line of a Batch API job still open is the batch's (settled when it is collected).
 */
export async function settleStepLeftovers(options: { stepId: string; db?: Db }): Promise<void> {
  await settleReservations(
    options.db ?? getPrisma(),
    Prisma.sql`r.step_id = ${options.stepId}::uuid AND NOT EXISTS (
      SELECT 1 FROM llm_batch_lines l JOIN llm_batches b ON b.id = l.batch_id
      WHERE l.request_key = r.request_key AND b.state <> 'collected')`,
  );
}

/** Settles the reservations of a collected batch's lines: replies at their usage, failed lines given back. */
export async function settleBatchReservations(options: { batchId: string; db?: Db }): Promise<void> {
  await settleReservations(
    options.db ?? getPrisma(),
    Prisma.sql`EXISTS (SELECT 1 FROM llm_batch_lines l
      WHERE l.batch_id = ${options.batchId}::uuid AND l.request_key = r.request_key AND l.step_id = r.step_id)`,
  );
}

function settleReservations(db: Db, where: Prisma.Sql) {
  return db.$executeRaw`
    WITH gone AS (
      DELETE FROM run_reservations r WHERE ${where}
      RETURNING run_id, request_key, tokens, cost_usd, prompt_usd_per_million, completion_usd_per_million),
    paid AS (
      SELECT g.run_id, sum(g.tokens) AS tokens, sum(g.cost_usd) AS cost_usd,
             sum(CASE WHEN c.id IS NULL THEN 0
                      WHEN c.prompt_tokens IS NULL OR c.completion_tokens IS NULL THEN g.tokens
                      ELSE c.prompt_tokens + c.completion_tokens END) AS used_tokens,
             sum(CASE WHEN c.id IS NULL THEN 0
                      WHEN c.prompt_tokens IS NULL OR c.completion_tokens IS NULL THEN g.cost_usd
                      ELSE (c.prompt_tokens * g.prompt_usd_per_million
                            + c.completion_tokens * g.completion_usd_per_million) / 1000000 END) AS used_cost_usd
      FROM gone g LEFT JOIN llm_calls c ON c.request_key = g.request_key AND c.outcome = 'ok'
      GROUP BY g.run_id)
    UPDATE runs SET reserved_tokens = reserved_tokens - paid.tokens,
                    reserved_cost_usd = reserved_cost_usd - paid.cost_usd,
                    spent_tokens = spent_tokens + paid.used_tokens,
                    spent_cost_usd = spent_cost_usd + paid.used_cost_usd
    FROM paid WHERE runs.id = paid.run_id`;
}

/** Settles the leftovers of every step of a run that no worker is running now (before a resume's check). */
export async function settleIdleLeftovers(options: { runId: string; db?: Db }): Promise<void> {
  const db = options.db ?? getPrisma();
  const idle = await db.$queryRaw<{ step_id: string }[]>`
    SELECT DISTINCT r.step_id FROM run_reservations r JOIN run_steps s ON s.id = r.step_id
    WHERE r.run_id = ${options.runId}::uuid AND s.status <> 'running'`;
  for (const { step_id } of idle) await settleStepLeftovers({ stepId: step_id, db });
}
