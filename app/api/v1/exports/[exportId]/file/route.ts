import { z } from "zod";
import { exportFileQuerySchema } from "@/lib/api/export-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { fileDownload } from "@/lib/routes/file-response";
import { findExportFile, streamExportFile } from "@/lib/server/export/open-export-file";
import { projectOfExport } from "@/lib/server/export/project-of-export";
import { exportParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * A finished export's file, streamed from disk as the export page's download
 * serves it: the archive of a bundle, else the data file (`?file=` picks one
 * file of a bundle), with Content-Disposition, an ETag, HEAD and single
 * `Range` requests. 409 while it is being written, 410 once its files are gone.
 */
export const GET = defineApiRoute({
  role: "admin",
  params: exportParamsSchema.pick({ exportId: true }),
  query: exportFileQuerySchema,
  project: (params) => projectOfExport(params.exportId),
  notFound: "Unknown export.",
  summary: "Download a finished export's file (admins only; HEAD and Range too).",
  response: z.string().meta({ description: "The file's bytes (not JSON)." }),
  handler: async ({ params, query }, { projectId, request }) =>
    fileDownload({
      request,
      file: await findExportFile({ projectId: projectId!, exportId: params.exportId, file: query.file }),
      stream: streamExportFile,
    }),
});

export const HEAD = GET;
