import { NotFoundError } from "@/lib/server/errors";
import { canAccessProject, type ProjectViewer } from "@/lib/server/projects/project-access";
import type { AuthenticatedToken } from "./authenticate-api-token";

/** Whether the token's own limit lets it near the project (its owner's access is checked apart). */
export function tokenAllowsProject(token: Pick<AuthenticatedToken, "projectIds">, projectId: string): boolean {
  return token.projectIds.length === 0 || token.projectIds.includes(projectId);
}

/**
 * A token reaches a project when its limit names it (or it has none) AND its
 * owner reaches it now: a token never reaches more than its owner. Otherwise
 * NotFoundError, the same answer as for a project that does not exist.
 */
export async function requireTokenProjectAccess(options: {
  viewer: ProjectViewer;
  token: Pick<AuthenticatedToken, "projectIds">;
  projectId: string;
}): Promise<void> {
  if (!tokenAllowsProject(options.token, options.projectId) || !(await canAccessProject(options)))
    throw new NotFoundError("Unknown project.");
}
