import type { LlmRole } from "@/lib/generated/prisma/client";

/**
 * What a capped caller (a run with a spending cap) puts around each LLM call:
 * `reserve` runs before the request is sent and may refuse by throwing, so
 * the call is never made; the hold it returns is settled with the reply's
 * usage, or released when no reply came. Uncapped calls have no budget and
 * pay nothing for it.
 */
export interface LlmBudget {
  reserve(call: { role: LlmRole; requestKey: string; prompt: string; maxTokens: number }): Promise<BudgetHold>;
}

export interface BudgetHold {
  /** The reply came: count what it used (its worst case when the server reported no usage). */
  settle(usage: { promptTokens: number | null; completionTokens: number | null }): Promise<void>;
  /** No reply came (every attempt failed): give the reservation back. */
  release(): Promise<void>;
}
