import "server-only";
import { notFound } from "next/navigation";
import type { AppRole } from "@/lib/server/auth/auth";
import { requirePageUser, type SessionUser } from "@/lib/server/auth/current-user";
import { canAccessProject } from "./project-access";

/**
 * For every page under /projects/[projectId]: sends visitors to sign in,
 * refuses a role that may not see the page (403), and answers 404 when the
 * project does not exist or is not one the user may reach.
 */
export async function requireProjectPage(projectId: string, role?: AppRole): Promise<SessionUser> {
  const user = await requirePageUser(role);
  if (!(await canAccessProject({ viewer: user, projectId }))) notFound();
  return user;
}
