import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError, UserFacingError } from "@/lib/server/errors";
import { getReviewLimits } from "@/lib/server/projects/get-review-limits";
import { REDO_WINDOW_HOURS, type RedoAllowance } from "@/lib/review/redo-quota";

type Actor = Pick<SessionUser, "id" | "role">;
type Db = Pick<Prisma.TransactionClient, "$queryRaw" | "project">;

export const REDO_ADMINS_ONLY =
  "Only admins start new siblings in this project: each is paid LLM calls. An admin can allow annotators under Project settings → Review limits.";

export async function getRedoAllowance(options: { projectId: string; viewer: Actor; db?: Db }): Promise<RedoAllowance> {
  const db = options.db ?? getPrisma();
  if (options.viewer.role === "admin") return { allowed: true, quota: null, remaining: null };
  const limits = await getReviewLimits({ projectId: options.projectId, db });
  if (!limits.annotatorRedo) return { allowed: false, reason: REDO_ADMINS_ONLY };
  const [row] = await db.$queryRaw<{ used: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS used, min(created_at) AS oldest FROM runs
     WHERE project_id = ${options.projectId}::uuid AND created_by_id = ${options.viewer.id}
       AND config->'redo' IS NOT NULL
       AND created_at > now() - make_interval(hours => ${REDO_WINDOW_HOURS}::int)`;
  const quota = limits.annotatorRedoDailyQuota;
  const remaining = Math.max(0, quota - row.used);
  const nextAt = remaining === 0 && row.oldest ? new Date(row.oldest.getTime() + REDO_WINDOW_HOURS * 3_600_000) : null;
  return { allowed: true, quota, remaining, nextAt };
}

/**
 * Inside the transaction that creates a redo run: refuses when the actor may
 * not start one, and otherwise returns the quota left after it. An
 * annotator's membership row is locked first, so their parallel clicks are
 * counted one after the other and can never exceed the quota together.
 */
export async function claimRedo(options: {
  tx: Prisma.TransactionClient;
  projectId: string;
  actor: Actor;
}): Promise<number | null> {
  const { tx, projectId, actor } = options;
  if (actor.role === "admin") return null;
  const member = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM project_members WHERE project_id = ${projectId}::uuid AND user_id = ${actor.id} FOR UPDATE`;
  if (member.length === 0) throw new NotFoundError("Unknown project.");
  const allowance = await getRedoAllowance({ projectId, viewer: actor, db: tx });
  if (!allowance.allowed) throw new UserFacingError(allowance.reason);
  if (allowance.quota === null) return null;
  if (allowance.remaining === 0) throw new UserFacingError(quotaReached(allowance.quota, allowance.nextAt));
  return allowance.remaining - 1;
}

export function quotaReached(quota: number, nextAt: Date | null): string {
  const when = nextAt
    ? ` The next one is possible from ${nextAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`
    : "";
  return `You have used your quota of ${quota} new sibling(s) per ${REDO_WINDOW_HOURS} hours in this project.${when}`;
}
