import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { trustedOrigins } from "@/lib/auth/trusted-origins";
import type { AppRole } from "@/lib/server/auth/auth";
import { getCurrentUser, type SessionUser } from "@/lib/server/auth/current-user";
import { getEnv } from "@/lib/server/config/env";
import { ConflictError, GoneError, InvalidInputError, NotFoundError, UserFacingError } from "@/lib/server/errors";
import { requireProjectAccessOf } from "@/lib/server/projects/project-access";
import { isDatabaseUnavailable } from "@/lib/server/db/errors";
import { DATABASE_UNAVAILABLE, type RouteErrorBody, type RouteErrorCode } from "./route-error";

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P extends z.ZodType, Q, F> {
  params: z.output<P>;
  query: Output<Q>;
  form: Output<F>;
}

/** What Next calls: the request, and the dynamic segments (a Promise since Next 15). */
export type RouteHandler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

/** Domain errors and the status each is answered with; the first match wins, so subclasses come first. */
const DOMAIN_ERRORS: [new (message: string) => UserFacingError, number, RouteErrorCode][] = [
  [NotFoundError, 404, "NOT_FOUND"],
  [ConflictError, 409, "CONFLICT"],
  [GoneError, 410, "GONE"],
  [InvalidInputError, 400, "INVALID"],
  [UserFacingError, 422, "FAILED"],
];

/** A JSON error answer in the one shape every route uses. */
export function routeError(status: number, code: RouteErrorCode, message: string, details?: unknown): Response {
  const body: RouteErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** 503 while the database is gone: the request may be repeated as it is once it is back. */
export function databaseUnavailable(): Response {
  const response = routeError(
    503,
    DATABASE_UNAVAILABLE,
    "The database is not reachable; try again in a moment, when it is back.",
  );
  response.headers.set("retry-after", "5");
  return response;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request that changes something, sent by a page of another origin (another
 * site, or another port of this host): the session cookie would go along, so
 * it is refused, as Next refuses such server action calls. Browsers name the
 * page's origin in `Origin` on every POST; `Sec-Fetch-Site` covers the rest.
 */
function isCrossSiteWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  if (origin) return origin === "null" || !trustedOrigins(getEnv().APP_URL).includes(origin);
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

/** A refusal found while reading the request, answered as it is. */
export class RefusedInput extends Error {
  constructor(readonly response: Response) {
    super("refused input");
  }
}

/** Validates one part of the request; a refusal says where, which field and why (like defineAction's message). */
export function validate<S extends z.ZodType>(
  source: "params" | "query" | "form" | "body",
  schema: S,
  values: unknown,
): z.output<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join(".")}: ` : "";
  const flat = z.flattenError(parsed.error);
  throw new RefusedInput(
    routeError(400, "INVALID", `${where}${first?.message ?? `invalid ${source}`}`, {
      source,
      fieldErrors: flat.fieldErrors,
      formErrors: flat.formErrors,
    }),
  );
}

async function readForm(request: Request): Promise<Record<string, FormDataEntryValue>> {
  try {
    return Object.fromEntries((await request.formData()).entries());
  } catch {
    throw new RefusedInput(routeError(400, "INVALID", "The request body must be a form.", { source: "form" }));
  }
}

/**
 * Every route handler under app/api (but better-auth's own) is built here, so
 * none can skip the checks, in this order: a state-changing request must come
 * from the app's own pages (403), then the session (401), the role (403), the
 * URL's segments, search parameters and form body against their zod schemas
 * (400), then the project the request is about must exist and be one the user
 * may reach (404, the same answer for both; see requireProjectAccess). Then the handler runs: it returns
 * data (answered as JSON, never cached) or a Response of its own (a download).
 * Services throw domain errors, answered here with their status; anything else
 * is logged and answered 500 without details.
 */
export function defineRoute<
  P extends z.ZodType,
  Q extends z.ZodType | undefined = undefined,
  F extends z.ZodType | undefined = undefined,
  T = unknown,
>(options: {
  role: AppRole | "any";
  params: P;
  query?: Q;
  form?: F;
  /**
   * The project the request is about, from the validated segments (its id, or
   * a lookup that throws NotFoundError for an unknown run …); null for a route
   * about no project.
   */
  project: ((params: z.output<P>) => string | Promise<string>) | null;
  /** With a project found through a lookup: what an unreachable one answers (the lookup's own "Unknown run."). */
  notFound?: string;
  handler: (input: RouteInput<P, Q, F>, context: { user: SessionUser; request: Request }) => Promise<Response | T>;
}): RouteHandler {
  return async (request, context) => {
    try {
      if (isCrossSiteWrite(request))
        return routeError(403, "FORBIDDEN", "This request came from another site and was refused.");
      const user = await getCurrentUser();
      if (!user) return routeError(401, "UNAUTHENTICATED", "You are not signed in (or your session has ended).");
      if (options.role === "admin" && user.role !== "admin")
        return routeError(403, "FORBIDDEN", "Only admins can do this.");
      const params = validate("params", options.params, await context.params);
      const query = options.query
        ? validate("query", options.query, Object.fromEntries(new URL(request.url).searchParams))
        : undefined;
      const form = options.form ? validate("form", options.form, await readForm(request)) : undefined;
      if (options.project)
        await requireProjectAccessOf({
          viewer: user,
          project: options.project,
          input: params,
          notFound: options.notFound,
        });
      const input = { params, query, form } as RouteInput<P, Q, F>;
      const result = await options.handler(input, { user, request });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return failureResponse(error, request);
    }
  };
}

/**
 * The answer to what a route's checks or handler threw: a refusal as it is,
 * a domain error with its status, a lost database 503, anything else logged
 * and 500 without details.
 */
export function failureResponse(error: unknown, request: Request): Response {
  if (error instanceof RefusedInput) return error.response;
  // notFound(), redirect() and the like are Next's own control flow, not failures.
  unstable_rethrow(error);
  for (const [kind, status, code] of DOMAIN_ERRORS)
    if (error instanceof kind) return routeError(status, code, error.message);
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  console.error(`route ${request.method} ${new URL(request.url).pathname} failed`, error);
  return routeError(500, "INTERNAL", "Something went wrong on the server; the error was logged.");
}
