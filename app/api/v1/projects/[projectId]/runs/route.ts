import { runJson, runJsonSchema, runListItemJson, runListItemJsonSchema } from "@/lib/api/run-json";
import { pageOf, pageQuerySchema, pageSchema } from "@/lib/routes/api-pagination";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { apiRunOptions } from "@/lib/server/runs/api-run-options";
import { getRunRecord } from "@/lib/server/runs/get-run-record";
import { listRunsPage } from "@/lib/server/runs/list-runs-page";
import { startRun } from "@/lib/server/runs/start-run";
import { projectParamsSchema } from "@/lib/validation/route-params";
import { apiStartRunSchema } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

/** The project's runs, newest first, each with its status and how far it got: `{ data, next_cursor }`. */
export const GET = defineApiRoute({
  role: "any",
  params: projectParamsSchema,
  query: pageQuerySchema,
  project: (params) => params.projectId,
  summary: "The project's runs, newest first, with their status and progress.",
  response: pageSchema(runListItemJsonSchema),
  handler: async ({ params, query }) => {
    const rows = await listRunsPage({
      projectId: params.projectId,
      after: query.cursor ?? null,
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, runListItemJson);
  },
});

/**
 * Starts a run (admins, as the run form does), with the form's defaults for
 * what the body leaves out; an Idempotency-Key makes a retried POST start one run.
 */
export const POST = defineApiRoute({
  role: "admin",
  params: projectParamsSchema,
  body: apiStartRunSchema,
  project: (params) => params.projectId,
  status: 201,
  idempotent: true,
  summary: "Start a run (admins only); send an Idempotency-Key to retry safely.",
  response: runJsonSchema,
  handler: async ({ params, body }, { user }) => {
    const options = await apiRunOptions({ projectId: params.projectId, body });
    const started = await startRun({ ...options, actorId: user.id });
    return runJson(await getRunRecord({ runId: started.id }));
  },
});
