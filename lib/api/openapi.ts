// The OpenAPI 3.1 document of /api/v1, built from the same zod schemas the
// endpoints validate with (zod 4's own JSON Schema output: OpenAPI 3.1 schemas
// are JSON Schema 2020-12). Each endpoint declares its operation in
// defineApiRoute, next to its handler; a route outside defineApiRoute (the
// public signed link) hands its operation over with withOpenApiOperation.
// lib/api/api-routes.ts lists the routes; the reference page (/api-docs)
// renders this same document.
import { z } from "zod";
import type { ApiOperation } from "@/lib/routes/define-api-route";
import type { RawBodyOption } from "@/lib/routes/read-raw-body";
import type { RouteHandler } from "@/lib/routes/define-route";
import { hoistSchemaDefs } from "./hoist-schema-defs";

export interface ApiRouteModule {
  /** The URL path, with `{name}` for a segment, e.g. /api/v1/projects/{projectId}. */
  path: string;
  module: Record<string, unknown>;
  /** The resource it is grouped under; by default from the path (see tagOf). */
  tag?: string;
}

export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
export type JsonSchema = { properties?: Record<string, JsonSchema>; required?: string[]; [key: string]: unknown };

/** Who may call an operation: `x-role` is ours (an OpenAPI extension); the scope is in `security`. */
export type ApiRole = ApiOperation["role"] | "public";

/**
 * An operation written out by hand, for a handler that is not a defineApiRoute
 * (so the document cannot read it off zod schemas): OpenAPI 3.1 as it is.
 */
export interface OpenApiOperation {
  summary: string;
  description?: string;
  "x-role": ApiRole;
  security: Record<string, string[]>[];
  parameters?: {
    name: string;
    in: "path" | "query" | "header";
    required?: boolean;
    description?: string;
    schema: JsonSchema;
  }[];
  requestBody?: unknown;
  responses: Record<
    string,
    { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }
  >;
}

export type DescribedRouteHandler = RouteHandler & { openApiOperation: OpenApiOperation };

/** `handler` (a fresh function, so GET and HEAD may share one handler) carrying its hand-written operation. */
export function withOpenApiOperation(handler: RouteHandler, operation: OpenApiOperation): DescribedRouteHandler {
  const described: RouteHandler = (request, context) => handler(request, context);
  return Object.assign(described, { openApiOperation: operation });
}

const inputSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
const outputSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonSchema;

function parameters(where: "path" | "query", schema: z.ZodType | undefined) {
  if (!schema) return [];
  const json = inputSchema(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

const IDEMPOTENCY_KEY_PARAMETER = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "A key of your choosing (a UUID): a retry with the same key and body within 24 h answers the first " +
    "request's answer again (header Idempotent-Replayed: true) instead of doing it twice.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

const errorRef = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };

function operationOf(method: string, operation: ApiOperation) {
  const writes = method !== "GET";
  const errors: Record<string, string> = {
    "400": "The request is not valid (details.fieldErrors names the fields).",
    "401": "No token, or one that is unknown, revoked or expired, or its account is disabled.",
    "429": "The token's requests this minute are used up (Retry-After says when to try again).",
  };
  const forbidden = [writes && "a read-only token", operation.role === "admin" && "a token of an annotator"];
  if (forbidden.some(Boolean)) errors["403"] = `Refused for ${forbidden.filter(Boolean).join(" or ")}.`;
  if (operation.params) errors["404"] = "Unknown, or not reachable with this token.";
  if (operation.body) errors["413"] = "The body is larger than API_MAX_BODY_BYTES.";
  if (operation.idempotent) {
    errors["409"] = "A request with the same Idempotency-Key is still being processed (Retry-After).";
    errors["422"] = "The Idempotency-Key was used with a different request in the last 24 h.";
  }
  if (operation.rawBody) {
    errors["413"] = `The body is larger than ${operation.rawBody.maxBytes} bytes.`;
    errors["415"] = "The body's Content-Type is not one this endpoint takes.";
  }
  return {
    summary: operation.summary,
    ...(operation.role === "admin" ? { description: "For tokens of admins only." } : {}),
    "x-role": operation.role,
    security: [{ bearer: [writes ? "write" : "read"] }],
    parameters: [
      ...parameters("path", operation.params),
      ...parameters("query", operation.query),
      ...(operation.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : []),
    ],
    ...(operation.body
      ? {
          requestBody: {
            // A body whose every field is optional may be left out (an empty body reads as {}).
            required: (inputSchema(operation.body).required ?? []).length > 0,
            content: { "application/json": { schema: inputSchema(operation.body) } },
          },
        }
      : {}),
    ...(operation.rawBody ? { requestBody: rawRequestBody(operation.rawBody) } : {}),
    responses: {
      [String(operation.status)]: {
        description: "OK",
        content: { "application/json": { schema: outputSchema(operation.response) } },
      },
      ...Object.fromEntries(
        Object.entries(errors).map(([status, description]) => [status, { description, ...errorRef }]),
      ),
    },
  };
}

/** A file upload: the bytes as they are, of each media type, or a form whose `file` field holds them. */
function rawRequestBody(option: RawBodyOption) {
  const binary = { type: "string", contentMediaType: "application/octet-stream" };
  const content = Object.fromEntries(
    option.mediaTypes.map((type) => [
      type,
      type === "multipart/form-data"
        ? { schema: { type: "object", required: ["file"], properties: { file: binary } } }
        : { schema: binary },
    ]),
  );
  return { required: true, description: option.description, content };
}

/** The operations a route module's handlers declare, by method. */
export function operationsOf(module: Record<string, unknown>): [string, ApiOperation][] {
  return METHODS.flatMap((method) => {
    const handler = module[method] as { apiOperation?: ApiOperation } | undefined;
    return handler?.apiOperation ? [[method, handler.apiOperation] as [string, ApiOperation]] : [];
  });
}

/** Every operation of a route module, built from defineApiRoute's declaration or written out by hand. */
function openApiOperationsOf(module: Record<string, unknown>): [string, Record<string, unknown>][] {
  return METHODS.flatMap((method): [string, Record<string, unknown>][] => {
    const handler = module[method] as { apiOperation?: ApiOperation; openApiOperation?: OpenApiOperation } | undefined;
    if (handler?.apiOperation) return [[method, operationOf(method, handler.apiOperation)]];
    if (handler?.openApiOperation) return [[method, { ...handler.openApiOperation }]];
    return [];
  });
}

/** The resources in the order a reader meets them; any other comes after, by name. */
export const TAG_ORDER = ["projects", "seeds", "nodes", "runs", "decisions", "exports", "links"];

/**
 * The resource a path is about: the last of its words (after
 * /projects/{projectId}, for what lives in a project) that names one of
 * TAG_ORDER, singular or plural (/nodes/{nodeId}/decision → decisions,
 * /projects/{projectId}/seeds → seeds), else the first of those words.
 * ApiRouteModule.tag overrides it.
 */
export function tagOf(path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .split("/")
    .filter((segment) => segment && !segment.startsWith("{"));
  // What lives in a project is about itself, not the project.
  const own = words[0] === "projects" && words.length > 1 ? words.slice(1) : words;
  const known = own.flatMap((word) => TAG_ORDER.filter((tag) => tag === word || tag === `${word}s`));
  return known.at(-1) ?? own[0] ?? "api";
}

const tagRank = (tag: string) => {
  const rank = TAG_ORDER.indexOf(tag);
  return rank === -1 ? TAG_ORDER.length : rank;
};

/** A stable id per operation, e.g. get_projects_projectId (also the reference page's anchor). */
export const operationIdOf = (method: string, path: string) =>
  [method.toLowerCase(), ...path.replace(/^\/api\/v1\//, "").split("/")]
    .map((part) => part.replace(/[{}]/g, "").replace(/[^\w]+/g, "_"))
    .filter(Boolean)
    .join("_");

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
    },
  },
};

export function buildOpenApiDocument(routes: ApiRouteModule[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  const schemas: Record<string, unknown> = { Error: ERROR_SCHEMA };
  for (const route of routes) {
    const tag = route.tag ?? tagOf(route.path);
    for (const [method, operation] of openApiOperationsOf(route.module)) {
      const operationId = operationIdOf(method, route.path);
      tags.add(tag);
      paths[route.path] ??= {};
      paths[route.path]![method.toLowerCase()] = hoistSchemaDefs(
        { operationId, tags: [tag], ...operation },
        schemas,
        operationId,
      );
    }
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Evol Studio API",
      version: "1",
      description: "Authenticate with a personal API token: `Authorization: Bearer evs_…` (README, API).",
    },
    servers: [{ url: "/" }],
    tags: [...tags].sort((a, b) => tagRank(a) - tagRank(b) || a.localeCompare(b)).map((name) => ({ name })),
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (evs_…)." } },
      schemas,
    },
    paths,
  };
}
