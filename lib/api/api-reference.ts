// The reference page's view of the OpenAPI document (/api-docs): endpoints
// grouped by resource (the operations' tags, in the document's order), each
// with who may call it, its parameters, body and answer as rows, its error
// statuses and a curl example. Read off apiDocument() alone, so the page shows
// whatever lib/api/api-routes.ts lists, hand-written operations included.
import { curlExample } from "./curl-example";
import { METHODS, type ApiRole, type JsonSchema } from "./openapi";
import { fieldRows, schemaRows, type SchemaContext, type SchemaRow } from "./schema-rows";

interface DocumentParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}
type Content = Record<string, { schema?: JsonSchema }>;
interface DocumentOperation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  "x-role"?: ApiRole;
  security?: Record<string, string[]>[];
  parameters?: DocumentParameter[];
  requestBody?: { required?: boolean; description?: string; content?: Content };
  responses?: Record<string, { description?: string; content?: Content }>;
}
/** The parts of an OpenAPI 3.1 document the page reads. */
export interface ReferenceDocument {
  tags?: { name: string; description?: string }[];
  /** Operations by path and method (lower case); ours, so read as DocumentOperation. */
  paths: Record<string, Record<string, unknown>>;
}

export interface ParameterRow extends SchemaRow {
  in: string;
}

export interface ApiEndpoint {
  /** The operation's id: the endpoint's anchor on the page. */
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  /** Null for a public endpoint (no token). */
  scope: string | null;
  role: ApiRole;
  parameters: ParameterRow[];
  /** The request body: its media types, and the fields of the one the curl example sends (JSON first). */
  body: { contentTypes: string[]; required: boolean; description?: string; rows: SchemaRow[] } | null;
  /** The successful answers; `file` for a download's bytes. */
  answers: { status: string; description: string; contentTypes: string[]; file: boolean; rows: SchemaRow[] }[];
  errors: { status: string; description: string }[];
  curl: string;
}

export interface ApiResource {
  tag: string;
  endpoints: ApiEndpoint[];
}

/** The body the curl example sends: JSON if taken, else raw bytes, else a form. */
function preferredBody(contents: [string, { schema?: JsonSchema }][]) {
  const pick =
    contents.find(([type]) => type.includes("json")) ??
    contents.find(([type]) => type !== "multipart/form-data") ??
    contents[0];
  return pick ? { contentType: pick[0], schema: pick[1].schema } : undefined;
}

const slug = (text: string) => text.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "");

function endpointOf(
  document: ReferenceDocument,
  path: string,
  method: string,
  operation: DocumentOperation,
  origin: string,
): ApiEndpoint {
  const context: SchemaContext = { document };
  const scope = operation.security?.[0] ? (Object.values(operation.security[0])[0]?.[0] ?? "any") : null;
  const parameters = (operation.parameters ?? []).flatMap((parameter) =>
    fieldRows(parameter.name, parameter.schema ?? {}, parameter.required === true, context).map((row, index) => ({
      ...row,
      in: parameter.in,
      ...(index === 0 && parameter.description ? { description: parameter.description } : {}),
    })),
  );
  const requestBody = operation.requestBody;
  const bodyContents = Object.entries(requestBody?.content ?? {});
  const sent = preferredBody(bodyContents);
  const body =
    requestBody && sent
      ? {
          contentTypes: bodyContents.map(([type]) => type),
          required: requestBody.required === true,
          ...(requestBody.description ? { description: requestBody.description } : {}),
          // Raw bytes (contentMediaType) have no fields to list.
          rows: sent.schema && sent.schema.contentMediaType === undefined ? schemaRows(sent.schema, context) : [],
        }
      : null;
  const responses = Object.entries(operation.responses ?? {});
  const answers = responses
    .filter(([status]) => status.startsWith("2"))
    .map(([status, response]) => {
      const contents = Object.entries(response.content ?? {});
      // A file's bytes (contentMediaType), in whichever type it was stored, has no fields to list.
      const file = contents.length > 0 && contents.every(([, media]) => media.schema?.contentMediaType !== undefined);
      const json = contents.find(([type]) => type.includes("json"))?.[1]?.schema;
      return {
        status,
        description: response.description ?? "",
        contentTypes: contents.map(([type]) => type),
        file,
        rows: json && !file ? schemaRows(json, context) : [],
      };
    });
  const success = answers[0];
  return {
    id: operation.operationId ?? slug(`${method}-${path}`),
    method: method.toUpperCase(),
    path,
    summary: operation.summary ?? "",
    ...(operation.description ? { description: operation.description } : {}),
    scope,
    role: operation["x-role"] ?? (scope ? "any" : "public"),
    parameters,
    body,
    answers,
    errors: responses
      .filter(([status]) => !status.startsWith("2"))
      .map(([status, response]) => ({ status, description: response.description ?? "" })),
    curl: curlExample({
      origin,
      method: method.toUpperCase(),
      path,
      token: scope !== null,
      query: (operation.parameters ?? []).filter((p) => p.in === "query" && p.required),
      body: sent,
      download: success?.file ?? false,
    }),
  };
}

/** The document's endpoints by resource, in the document's tag order, each resource's paths as listed. */
export function apiReference(document: ReferenceDocument, origin: string): ApiResource[] {
  const resources = new Map<string, ApiEndpoint[]>((document.tags ?? []).map((tag) => [tag.name, []]));
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = operations[method.toLowerCase()] as DocumentOperation | undefined;
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? "other";
      if (!resources.has(tag)) resources.set(tag, []);
      resources.get(tag)!.push(endpointOf(document, path, method, operation, origin));
    }
  }
  return [...resources].filter(([, endpoints]) => endpoints.length).map(([tag, endpoints]) => ({ tag, endpoints }));
}
