import "server-only";
import { z } from "zod";
import type { AppRole } from "@/lib/server/auth/auth";
import { getCurrentUser, type SessionUser } from "@/lib/server/auth/current-user";
import { NotFoundError, UserFacingError } from "@/lib/server/errors";
import { requireProjectAccessOf } from "@/lib/server/projects/project-access";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: "UNAUTHENTICATED" | "FORBIDDEN" | "INVALID" | "NOT_FOUND" | "FAILED";
      error: string;
      fieldErrors?: Record<string, string[]>;
    };

/**
 * Every server action is built here, so none can skip the checks: first the
 * session and role, then the input against its named zod schema, then the
 * project the action is about must be one the user may reach (admins: every
 * project; annotators: their projects), then the service. Known failures
 * come back as results, never as crashes.
 */
export function defineAction<S extends z.ZodType, T>(options: {
  role: AppRole | "any";
  schema: S;
  /**
   * The project the action acts on, from the validated input (its projectId,
   * or a lookup such as the project of a run); null for an action about no
   * project (accounts, creating a project).
   */
  project: ((input: z.output<S>) => string | Promise<string>) | null;
  /** With a project found through a lookup: what an unreachable one answers (the lookup's own "Unknown run."). */
  notFound?: string;
  handler: (input: z.output<S>, context: { user: SessionUser }) => Promise<T>;
}): (input: z.input<S> | FormData) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user)
      return { ok: false, code: "UNAUTHENTICATED", error: "You are not signed in (or your session has ended)." };
    if (options.role === "admin" && user.role !== "admin") {
      return { ok: false, code: "FORBIDDEN", error: "Only admins can do this." };
    }
    const values = raw instanceof FormData ? Object.fromEntries(raw.entries()) : raw;
    const parsed = options.schema.safeParse(values);
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error);
      const first = parsed.error.issues[0];
      const where = first?.path.length ? `${first.path.join(".")}: ` : "";
      return {
        ok: false,
        code: "INVALID",
        error: `${where}${first?.message ?? "invalid input"}`,
        fieldErrors: flat.fieldErrors as Record<string, string[]>,
      };
    }
    try {
      if (options.project)
        await requireProjectAccessOf({
          viewer: user,
          project: options.project,
          input: parsed.data,
          notFound: options.notFound,
        });
      return { ok: true, data: await options.handler(parsed.data, { user }) };
    } catch (error) {
      if (error instanceof NotFoundError) return { ok: false, code: "NOT_FOUND", error: error.message };
      if (error instanceof UserFacingError) return { ok: false, code: "FAILED", error: error.message };
      console.error("server action failed", error);
      return { ok: false, code: "FAILED", error: "Something went wrong on the server; the error was logged." };
    }
  };
}
