// Every route under app/api/v1 with its URL path, for the OpenAPI document
// (app/api/v1/openapi.json) and the reference page (/api-docs). tests/integration/
// api-v1.test.ts fails when a route file is missing here.
import * as link from "@/app/api/v1/links/[secret]/[fileName]/route";
import * as project from "@/app/api/v1/projects/[projectId]/route";
import * as projects from "@/app/api/v1/projects/route";
import { buildOpenApiDocument, type ApiRouteModule } from "./openapi";

export const API_ROUTES: ApiRouteModule[] = [
  { path: "/api/v1/projects", module: projects },
  { path: "/api/v1/projects/{projectId}", module: project },
  // Public, outside defineApiRoute: its operations are written out next to it.
  { path: "/api/v1/links/{secret}/{fileName}", module: link },
];

/** The API's OpenAPI 3.1 document. */
export function apiDocument() {
  return buildOpenApiDocument(API_ROUTES);
}
