import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";

export interface ProjectBudget {
  /** The cap new runs of the project start with (null: none of that kind). */
  defaultMaxTokens: number | null;
  defaultMaxCostUsd: number | null;
}

/** The project's default spending cap, or null for an unknown project. */
export async function getProjectBudget(options: { projectId: string }): Promise<ProjectBudget | null> {
  if (!isUuid(options.projectId)) return null;
  const project = await getPrisma().project.findUnique({
    where: { id: options.projectId },
    select: { defaultMaxTokens: true, defaultMaxCostUsd: true },
  });
  if (!project) return null;
  return {
    defaultMaxTokens: project.defaultMaxTokens === null ? null : Number(project.defaultMaxTokens),
    defaultMaxCostUsd: project.defaultMaxCostUsd === null ? null : project.defaultMaxCostUsd.toNumber(),
  };
}
