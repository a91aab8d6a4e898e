import { z } from "zod";
import { defineRoute } from "@/lib/routes/define-route";
import { fileDownload } from "@/lib/routes/file-response";
import { findExportFile, streamExportFile } from "@/lib/server/export/open-export-file";
import { EXPORT_FILES } from "@/lib/validation/export";
import { exportParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * Streams a finished export's file from disk: the archive when it was a
 * bundle, else the data file; `?file=data|card|dataset_info|axolotl|archive`
 * picks one file. Single `Range` requests are served. Admins only, like every export.
 */
export const GET = defineRoute({
  role: "admin",
  params: exportParamsSchema,
  query: z.object({ file: z.enum(EXPORT_FILES, "Unknown file.").optional() }),
  project: (params) => params.projectId,
  handler: async ({ params, query }, { request }) =>
    fileDownload({ request, file: await findExportFile({ ...params, file: query.file }), stream: streamExportFile }),
});
