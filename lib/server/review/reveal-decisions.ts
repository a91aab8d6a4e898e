import "server-only";
import { cookies } from "next/headers";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { REVEAL_DECISIONS_COOKIE } from "@/lib/review/blind-review";

/** Whether this request's admin chose to see other reviewers' decisions before deciding; always false for annotators. */
export async function readRevealDecisions(user: Pick<SessionUser, "role">): Promise<boolean> {
  if (user.role !== "admin") return false;
  return (await cookies()).get(REVEAL_DECISIONS_COOKIE)?.value === "1";
}
