// Every route under app/api/v1 with its URL path, for the OpenAPI document
// (app/api/v1/openapi.json) and the reference page (/api-docs). tests/integration/
// api-v1.test.ts fails when a route file is missing here.
import * as exportFile from "@/app/api/v1/exports/[exportId]/file/route";
import * as exportLink from "@/app/api/v1/exports/[exportId]/links/[linkId]/route";
import * as exportLinks from "@/app/api/v1/exports/[exportId]/links/route";
import * as exportOne from "@/app/api/v1/exports/[exportId]/route";
import * as link from "@/app/api/v1/links/[secret]/[fileName]/route";
import * as nodeDecision from "@/app/api/v1/nodes/[nodeId]/decision/route";
import * as node from "@/app/api/v1/nodes/[nodeId]/route";
import * as nodeTree from "@/app/api/v1/nodes/[nodeId]/tree/route";
import * as bulkUndo from "@/app/api/v1/projects/[projectId]/decisions/bulk/[bulkId]/undo/route";
import * as bulkCount from "@/app/api/v1/projects/[projectId]/decisions/bulk/count/route";
import * as bulkDecisions from "@/app/api/v1/projects/[projectId]/decisions/bulk/route";
import * as projectExports from "@/app/api/v1/projects/[projectId]/exports/route";
import * as projectNodes from "@/app/api/v1/projects/[projectId]/nodes/route";
import * as project from "@/app/api/v1/projects/[projectId]/route";
import * as projectRuns from "@/app/api/v1/projects/[projectId]/runs/route";
import * as projectSeeds from "@/app/api/v1/projects/[projectId]/seeds/route";
import * as projects from "@/app/api/v1/projects/route";
import * as runCancel from "@/app/api/v1/runs/[runId]/cancel/route";
import * as runPause from "@/app/api/v1/runs/[runId]/pause/route";
import * as runRelease from "@/app/api/v1/runs/[runId]/release/route";
import * as runResume from "@/app/api/v1/runs/[runId]/resume/route";
import * as runRetry from "@/app/api/v1/runs/[runId]/retry/route";
import * as run from "@/app/api/v1/runs/[runId]/route";
import { buildOpenApiDocument, type ApiRouteModule } from "./openapi";

export const API_ROUTES: ApiRouteModule[] = [
  { path: "/api/v1/projects", module: projects },
  { path: "/api/v1/projects/{projectId}", module: project },
  { path: "/api/v1/projects/{projectId}/runs", module: projectRuns },
  { path: "/api/v1/runs/{runId}", module: run },
  { path: "/api/v1/runs/{runId}/pause", module: runPause },
  { path: "/api/v1/runs/{runId}/resume", module: runResume },
  { path: "/api/v1/runs/{runId}/cancel", module: runCancel },
  { path: "/api/v1/runs/{runId}/release", module: runRelease },
  { path: "/api/v1/runs/{runId}/retry", module: runRetry },
  { path: "/api/v1/nodes/{nodeId}/decision", module: nodeDecision },
  { path: "/api/v1/projects/{projectId}/decisions/bulk/count", module: bulkCount },
  { path: "/api/v1/projects/{projectId}/decisions/bulk", module: bulkDecisions },
  { path: "/api/v1/projects/{projectId}/decisions/bulk/{bulkId}/undo", module: bulkUndo },
  { path: "/api/v1/projects/{projectId}/exports", module: projectExports },
  { path: "/api/v1/exports/{exportId}", module: exportOne },
  { path: "/api/v1/exports/{exportId}/file", module: exportFile },
  { path: "/api/v1/exports/{exportId}/links", module: exportLinks },
  { path: "/api/v1/exports/{exportId}/links/{linkId}", module: exportLink },
  { path: "/api/v1/projects/{projectId}/seeds", module: projectSeeds },
  { path: "/api/v1/projects/{projectId}/nodes", module: projectNodes },
  { path: "/api/v1/nodes/{nodeId}", module: node },
  { path: "/api/v1/nodes/{nodeId}/tree", module: nodeTree },
  // Public, outside defineApiRoute: its operations are written out next to it.
  { path: "/api/v1/links/{secret}/{fileName}", module: link },
];

/** The API's OpenAPI 3.1 document. */
export function apiDocument() {
  return buildOpenApiDocument(API_ROUTES);
}
