import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/prisma";
import { NotFoundError } from "@/lib/server/errors";

/** What a project lets annotators do on their own: redo nodes (paid LLM calls) and decide many nodes at once. */
export interface ReviewLimits {
  annotatorRedo: boolean;
  annotatorRedoDailyQuota: number;
  annotatorBulkLimit: number;
}

export const REVIEW_LIMITS_SELECT = {
  annotatorRedo: true,
  annotatorRedoDailyQuota: true,
  annotatorBulkLimit: true,
} as const satisfies Prisma.ProjectSelect;

type Db = Pick<Prisma.TransactionClient, "project">;

export async function getReviewLimits(options: { projectId: string; db?: Db }): Promise<ReviewLimits> {
  const project = await (options.db ?? getPrisma()).project.findUnique({
    where: { id: options.projectId },
    select: REVIEW_LIMITS_SELECT,
  });
  if (!project) throw new NotFoundError("Unknown project.");
  return project;
}
