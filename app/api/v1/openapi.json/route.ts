import { buildOpenApiDocument } from "@/lib/api/openapi";
import * as project from "../projects/[projectId]/route";
import * as projects from "../projects/route";

export const dynamic = "force-dynamic";

/**
 * The API's OpenAPI 3.1 document, public like any documentation (it names no
 * data). Every route under app/api/v1 must be listed here; the API test fails
 * on one that is not.
 */
export function GET(): Response {
  const document = buildOpenApiDocument([
    { path: "/api/v1/projects", module: projects },
    { path: "/api/v1/projects/{projectId}", module: project },
  ]);
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
}
