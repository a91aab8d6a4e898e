import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { asDatabaseUnavailable } from "@/lib/server/db/errors";
import { getAuth, type AppRole } from "./auth";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: AppRole;
}

/** The signed-in, enabled user of this request, or null. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  // Reading the request first also marks the page dynamic before any database work.
  const requestHeaders = await headers();
  // better-auth wraps a lost database in an error of its own: unwrap it, so the page says what is wrong (503).
  const session = await getAuth()
    .api.getSession({ headers: requestHeaders })
    .catch((error: unknown) => {
      throw asDatabaseUnavailable(error);
    });
  if (!session || session.user.banned) return null;
  const role: AppRole = session.user.role === "admin" ? "admin" : "annotator";
  return { id: session.user.id, email: session.user.email, name: session.user.name, role };
}

/** For pages: sends visitors to sign in, and refuses a role that may not see the page. */
export async function requirePageUser(role?: AppRole): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (role === "admin" && user.role !== "admin") forbidden();
  return user;
}
