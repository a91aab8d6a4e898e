import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";

/** The project a request is about must exist; NotFoundError otherwise. Route handlers call it through defineRoute. */
export async function requireProject(options: { projectId: string }): Promise<void> {
  const found = isUuid(options.projectId)
    ? await getPrisma().project.findUnique({ where: { id: options.projectId }, select: { id: true } })
    : null;
  if (!found) throw new NotFoundError("Unknown project.");
}
