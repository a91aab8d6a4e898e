// Every route under app/api/v1 with its URL path, for the OpenAPI document
// (app/api/v1/openapi.json) and the reference page. tests/integration/
// api-v1.test.ts fails when a route file is missing here.
import * as nodeTree from "@/app/api/v1/nodes/[nodeId]/tree/route";
import * as node from "@/app/api/v1/nodes/[nodeId]/route";
import * as projectNodes from "@/app/api/v1/projects/[projectId]/nodes/route";
import * as project from "@/app/api/v1/projects/[projectId]/route";
import * as projectSeeds from "@/app/api/v1/projects/[projectId]/seeds/route";
import * as projects from "@/app/api/v1/projects/route";
import { buildOpenApiDocument, type ApiRouteModule } from "./openapi";

export const API_ROUTES: ApiRouteModule[] = [
  { path: "/api/v1/projects", module: projects },
  { path: "/api/v1/projects/{projectId}", module: project },
  { path: "/api/v1/projects/{projectId}/seeds", module: projectSeeds },
  { path: "/api/v1/projects/{projectId}/nodes", module: projectNodes },
  { path: "/api/v1/nodes/{nodeId}", module: node },
  { path: "/api/v1/nodes/{nodeId}/tree", module: nodeTree },
];

/** The API's OpenAPI 3.1 document. */
export function apiDocument() {
  return buildOpenApiDocument(API_ROUTES);
}
