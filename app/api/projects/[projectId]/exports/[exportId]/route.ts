import { defineRoute } from "@/lib/routes/define-route";
import { getExport } from "@/lib/server/export/list-exports";
import { exportParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** An export's state and counts, polled by the export page while it runs. Admins only. */
export const GET = defineRoute({
  role: "admin",
  params: exportParamsSchema,
  project: (params) => params.projectId,
  handler: async ({ params }) => getExport(params),
});
