import { z } from "zod";
import { defineRoute } from "@/lib/routes/define-route";
import { fileResponse } from "@/lib/routes/file-response";
import { openExportFile } from "@/lib/server/export/open-export-file";
import { EXPORT_FILES } from "@/lib/validation/export";
import { exportParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * Streams a finished export's file from disk: the archive when it was a
 * bundle, else the data file; `?file=data|card|dataset_info|axolotl|archive`
 * picks one file. Admins only, like every export.
 */
export const GET = defineRoute({
  role: "admin",
  params: exportParamsSchema,
  query: z.object({ file: z.enum(EXPORT_FILES, "Unknown file.").optional() }),
  project: (params) => params.projectId,
  handler: async ({ params, query }) => fileResponse(await openExportFile({ ...params, file: query.file })),
});
