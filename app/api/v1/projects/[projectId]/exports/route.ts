import { exportJson, exportJsonSchema } from "@/lib/api/export-json";
import { pageOf, pageQuerySchema, pageSchema } from "@/lib/routes/api-pagination";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { createExport } from "@/lib/server/export/create-export";
import { getExport, listExportsPage } from "@/lib/server/export/list-exports";
import { exportOptionsSchema } from "@/lib/validation/export";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** The project's exports, newest first: `{ data, next_cursor }`. Admins only, like the export page. */
export const GET = defineApiRoute({
  role: "admin",
  params: projectParamsSchema,
  query: pageQuerySchema,
  project: (params) => params.projectId,
  summary: "The project's exports, newest first (admins only).",
  response: pageSchema(exportJsonSchema),
  handler: async ({ params, query }) => {
    const rows = await listExportsPage({
      projectId: params.projectId,
      after: query.cursor ?? null,
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, (r) => exportJson(r.row));
  },
});

/**
 * Starts an export with every option of the export form (the same schema,
 * the same defaults), queued as a job as the form's Export button does;
 * poll GET /api/v1/exports/{id} until it is done, then fetch its file.
 */
export const POST = defineApiRoute({
  role: "admin",
  params: projectParamsSchema,
  body: exportOptionsSchema,
  project: (params) => params.projectId,
  status: 201,
  summary: "Start an export (admins only); it runs as a job.",
  response: exportJsonSchema,
  handler: async ({ params, body }, { user }) => {
    const created = await createExport({ projectId: params.projectId, options: body, actorId: user.id, enqueue: true });
    return exportJson(await getExport({ projectId: params.projectId, exportId: created.exportId }));
  },
});
