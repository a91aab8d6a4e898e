import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { NotFoundError } from "@/lib/server/errors";
import type { SessionUser } from "@/lib/server/auth/current-user";

/** Who asks: enough of a session user to decide what they may reach. */
export type ProjectViewer = Pick<SessionUser, "id" | "role">;

/**
 * Whether `viewer` may see and act on the project: admins reach every
 * project, annotators the projects they are members of. False for an id that
 * names no project.
 */
export async function canAccessProject(options: { viewer: ProjectViewer; projectId: string }): Promise<boolean> {
  const { viewer, projectId } = options;
  if (!isUuid(projectId)) return false;
  const prisma = getPrisma();
  if (viewer.role === "admin") {
    return (await prisma.project.count({ where: { id: projectId } })) > 0;
  }
  return (await prisma.projectMember.count({ where: { projectId, userId: viewer.id } })) > 0;
}

/**
 * The one check of project access, for actions, route handlers and pages:
 * NotFoundError when the project does not exist or is not the viewer's, with
 * the same message either way, so nobody learns which projects exist.
 */
export async function requireProjectAccess(options: { viewer: ProjectViewer; projectId: string }): Promise<void> {
  if (!(await canAccessProject(options))) throw new NotFoundError("Unknown project.");
}

/**
 * requireProjectAccess for a project found through something else (the project
 * of a run): with `notFound`, an unreachable project answers as an unknown
 * run does, so nobody learns that the run exists in a project of someone else's.
 */
export async function requireProjectAccessOf<T>(options: {
  viewer: ProjectViewer;
  project: (input: T) => string | Promise<string>;
  input: T;
  notFound?: string;
}): Promise<void> {
  try {
    await requireProjectAccess({ viewer: options.viewer, projectId: await options.project(options.input) });
  } catch (error) {
    if (options.notFound !== undefined && error instanceof NotFoundError) throw new NotFoundError(options.notFound);
    throw error;
  }
}
