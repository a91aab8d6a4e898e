import type { SqlClient } from "@/lib/server/db/direct-sql";

/**
 * The advisory lock of a parent's children in a run (the two-key form, a key
 * space apart from the one-key run locks). Held to the commit by every
 * transaction that ends a step of that parent (to decide whether all its
 * slots have ended, advance-after-step.ts) and by the duplicate rule (so
 * siblings are judged one after another, judge-duplicate.ts): one lock for
 * both, so that a step judged by the rule and a sibling that failed without
 * a reply exclude each other too.
 */
export const SIBLINGS_LOCK = 25_001;

export const siblingsLockKey = (runId: string, parentId: string) => `${runId}:${parentId}`;

export async function lockSiblings(tx: SqlClient, runId: string, parentId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIBLINGS_LOCK}::int, hashtext(${siblingsLockKey(runId, parentId)}))`;
}
