// The OpenAPI 3.1 document of /api/v1, built from the same zod schemas the
// endpoints validate with (zod 4's own JSON Schema output: OpenAPI 3.1 schemas
// are JSON Schema 2020-12). Each endpoint declares its operation in
// defineApiRoute, next to its handler; app/api/v1/openapi.json lists the routes.
import { z } from "zod";
import type { ApiOperation } from "@/lib/routes/define-api-route";
import type { RawBodyOption } from "@/lib/routes/read-raw-body";

export interface ApiRouteModule {
  /** The URL path, with `{name}` for a segment, e.g. /api/v1/projects/{projectId}. */
  path: string;
  module: Record<string, unknown>;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type JsonSchema = { properties?: Record<string, JsonSchema>; required?: string[]; [key: string]: unknown };

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

export function buildOpenApiDocument(routes: ApiRouteModule[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    for (const [method, operation] of operationsOf(route.module)) {
      paths[route.path] ??= {};
      paths[route.path]![method.toLowerCase()] = operationOf(method, operation);
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
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token (evs_…)." } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
            },
          },
        },
      },
    },
    paths,
  };
}
