import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";

/** The project a run belongs to (routes that name only a run check that project); NotFoundError for an unknown run. */
export async function getRunProjectId(options: { runId: string }): Promise<string> {
  const run = isUuid(options.runId)
    ? await getPrisma().run.findUnique({ where: { id: options.runId }, select: { projectId: true } })
    : null;
  if (!run) throw new NotFoundError("Unknown run.");
  return run.projectId;
}
