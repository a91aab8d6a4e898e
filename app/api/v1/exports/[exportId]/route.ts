import { exportJson, exportJsonSchema } from "@/lib/api/export-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { getExport } from "@/lib/server/export/list-exports";
import { projectOfExport } from "@/lib/server/export/project-of-export";
import { exportParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** One export: its status (also in the export history's words), records written, file name, size, error. */
export const GET = defineApiRoute({
  role: "admin",
  params: exportParamsSchema.pick({ exportId: true }),
  project: (params) => projectOfExport(params.exportId),
  notFound: "Unknown export.",
  summary: "One export and its status (admins only).",
  response: exportJsonSchema,
  handler: async ({ params }, { projectId }) =>
    exportJson(await getExport({ projectId: projectId!, exportId: params.exportId })),
});
