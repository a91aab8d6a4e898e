import "server-only";
import { z } from "zod";
import type { AppRole } from "@/lib/server/auth/auth";
import type { SessionUser } from "@/lib/server/auth/current-user";
import {
  authenticateApiToken,
  bearerSecret,
  type AuthenticatedToken,
  type TokenRefusal,
} from "@/lib/server/api-tokens/authenticate-api-token";
import { countApiRequest } from "@/lib/server/api-tokens/count-api-request";
import { requireTokenProjectAccess } from "@/lib/server/api-tokens/token-project-access";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getEnv } from "@/lib/server/config/env";
import { NotFoundError } from "@/lib/server/errors";
import { failureResponse, RefusedInput, routeError, validate, type RouteHandler } from "./define-route";
import { answerOnce, idempotencyKeyOf, requestFingerprint } from "./api-idempotency";
import { readJsonBody } from "./read-json-body";
import { readRawBody, type RawBody, type RawBodyOption } from "./read-raw-body";
import { refuseRawBody } from "./refuse-raw-body";

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiRouteInput<P, Q, B, R = undefined> {
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
  /** The body as bytes, for a route with the `rawBody` option (a file upload). */
  raw: R extends RawBodyOption ? RawBody : undefined;
}

/** What the OpenAPI document says of an endpoint (lib/api/openapi.ts reads it off the handler). */
export interface ApiOperation {
  summary: string;
  role: AppRole | "any";
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  rawBody?: RawBodyOption;
  status: number;
  /** The JSON of a successful answer. */
  response: z.ZodType;
  /** Takes an Idempotency-Key header (decision 0034). */
  idempotent?: boolean;
}

export type ApiRouteHandler = RouteHandler & { apiOperation: ApiOperation };

export interface ApiRouteContext {
  /** The token's owner: the token acts with their role and project access, never more. */
  user: SessionUser;
  token: AuthenticatedToken;
  request: Request;
  /** The project the request is about, once the token was found to reach it (null for a route about no project). */
  projectId: string | null;
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const REFUSALS: Record<TokenRefusal, string> = {
  missing: "Send an API token as `Authorization: Bearer <token>` (create one on your API tokens page).",
  unknown: "This API token is not valid.",
  revoked: "This API token has been revoked.",
  expired: "This API token has expired.",
  disabled: "The account of this API token is disabled.",
};

function unauthenticated(reason: TokenRefusal): Response {
  const response = routeError(401, "UNAUTHENTICATED", REFUSALS[reason]);
  response.headers.set(
    "www-authenticate",
    `Bearer realm="api"${reason === "missing" ? "" : ', error="invalid_token"'}`,
  );
  return response;
}

/**
 * Every handler under app/api/v1 is built here, so none can skip the checks,
 * in this order: a Bearer token only, no cookies (so no CSRF concern) (401),
 * the token's rate limit (429 with Retry-After), its scope: a method that
 * writes needs `write` (403), the owner's role (403), the URL's segments and
 * search parameters (400), the JSON body: its size (413), syntax and schema
 * (400) — or, for a file upload (`rawBody`), its media type (415) and size
 * (413), read as a stream with a byte cap —, then the project: named by the
 * token's limit (if any) AND reached by its owner (404 either way), then (for
 * an `idempotent` create sent with an Idempotency-Key) the key: a retry gets
 * the first answer replayed. Errors have the body every route uses
 * (routeError). A write that succeeds is audited as the owner, with the token
 * (a replayed answer is not).
 */
export function defineApiRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends RawBodyOption | undefined = undefined,
  T = unknown,
>(options: {
  role: AppRole | "any";
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The project the request is about, from the validated segments (its id, or
   * a lookup of the node, export … that throws NotFoundError when unknown);
   * null for a route about no one project.
   */
  /** Instead of a JSON body: the body as bytes of these media types, read up to maxBytes (413 past it). */
  rawBody?: R;
  project: ((params: Output<P>) => string | Promise<string>) | null;
  /**
   * The 404 message both for an unknown thing the URL names (a run …) and for one in a project the token does not
   * reach, so the two cannot be told apart (default: the project lookup's own message).
   */
  notFound?: string;
  /** The status of a successful answer (201 for a create). */
  status?: number;
  /**
   * A create that takes an `Idempotency-Key` header: a retry of the same request with the same key gets the
   * first answer again instead of creating a second thing (lib/routes/api-idempotency.ts, decision 0034).
   */
  idempotent?: boolean;
  /** For the OpenAPI document: what it does, and the shape of its answer. */
  summary: string;
  response: z.ZodType<T>;
  handler: (input: ApiRouteInput<P, Q, B, R>, context: ApiRouteContext) => Promise<Response | T>;
}): ApiRouteHandler {
  const handler: RouteHandler = async (request, context) => {
    try {
      const auth = await authenticateApiToken({ secret: bearerSecret(request.headers.get("authorization")) });
      if (!auth.ok) return unauthenticated(auth.reason);
      const { user, token } = auth;
      const env = getEnv();
      const rate = await countApiRequest({ tokenId: token.id, limitPerMinute: env.API_RATE_LIMIT_PER_MINUTE });
      if (!rate.allowed) {
        const response = routeError(
          429,
          "RATE_LIMITED",
          `This token made more than ${env.API_RATE_LIMIT_PER_MINUTE} requests this minute; try again in ${rate.retryAfterSeconds} s.`,
          { limitPerMinute: env.API_RATE_LIMIT_PER_MINUTE, retryAfterSeconds: rate.retryAfterSeconds },
        );
        response.headers.set("retry-after", String(rate.retryAfterSeconds));
        return response;
      }
      const writes = !READ_METHODS.has(request.method);
      if (writes && token.scope !== "write")
        return routeError(
          403,
          "FORBIDDEN",
          "This API token is read-only; this request needs a token with write scope.",
        );
      if (options.role === "admin" && user.role !== "admin")
        return routeError(403, "FORBIDDEN", "Only admins can do this.");
      const params = options.params ? validate("params", options.params, await context.params) : undefined;
      const query = options.query
        ? validate("query", options.query, Object.fromEntries(new URL(request.url).searchParams))
        : undefined;
      let body: unknown;
      if (options.body) {
        const read = await readJsonBody(request, env.API_MAX_BODY_BYTES);
        if (!read.ok && read.refusal.kind === "too-large")
          return routeError(413, "TOO_LARGE", `The request body is larger than ${env.API_MAX_BODY_BYTES} bytes.`, {
            maxBytes: env.API_MAX_BODY_BYTES,
          });
        if (!read.ok) return routeError(400, "INVALID", "The request body must be JSON.", { source: "body" });
        body = validate("body", options.body, read.value ?? {});
      }
      let raw: RawBody | undefined;
      if (options.rawBody) {
        const refusal = refuseRawBody(request, options.rawBody);
        if (refusal) return refusal;
        const read = await readRawBody(request, options.rawBody.maxBytes);
        if (!read.ok)
          return routeError(413, "TOO_LARGE", `The request body is larger than ${options.rawBody.maxBytes} bytes.`, {
            maxBytes: options.rawBody.maxBytes,
          });
        raw = read.body;
      }
      const projectId = options.project
        ? await requireProject(options.project, params as Output<P>, { user, token }, options.notFound)
        : null;
      const input = { params, query, body, raw } as ApiRouteInput<P, Q, B, R>;
      const answer = async () => {
        const result = await options.handler(input, { user, token, request, projectId });
        return result instanceof Response
          ? result
          : Response.json(result, { status: options.status ?? 200, headers: { "cache-control": "no-store" } });
      };
      const key = options.idempotent ? idempotencyKeyOf(request) : null;
      const { response, replayed } = key
        ? await answerOnce({ tokenId: token.id, key, fingerprint: requestFingerprint(request, input), answer })
        : { response: await answer(), replayed: false };
      // A replayed answer wrote nothing this time.
      if (writes && response.ok && !replayed) await auditWrite(request, response, user, token);
      return response;
    } catch (error) {
      if (error instanceof RefusedInput) return error.response;
      return failureResponse(error, request);
    }
  };
  const { summary, role, params, query, body, rawBody, response } = options;
  return Object.assign(handler, {
    apiOperation: {
      summary,
      role,
      params,
      query,
      body,
      rawBody,
      response,
      status: options.status ?? 200,
      idempotent: options.idempotent ?? false,
    },
  });
}

/** The project check; with `notFound`, every 404 of it says the same. */
async function requireProject<P>(
  project: (params: P) => string | Promise<string>,
  params: P,
  { user, token }: { user: SessionUser; token: AuthenticatedToken },
  notFound: string | undefined,
) {
  try {
    const projectId = await project(params);
    await requireTokenProjectAccess({ viewer: user, token, projectId });
    return projectId;
  } catch (error) {
    if (notFound !== undefined && error instanceof NotFoundError) throw new NotFoundError(notFound);
    throw error;
  }
}

/** One audit event per successful write through the API: who (the owner), with which token, what. */
async function auditWrite(request: Request, response: Response, user: SessionUser, token: AuthenticatedToken) {
  await recordAuditEvent({
    actorId: user.id,
    action: "api.write",
    targetType: "api_token",
    targetId: token.id,
    data: { method: request.method, path: new URL(request.url).pathname, status: response.status },
  });
}
