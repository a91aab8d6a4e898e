import { exportLinkBodySchema, exportLinkJson, exportLinkJsonSchema } from "@/lib/api/export-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { createExportLink } from "@/lib/server/export/create-export-link";
import { projectOfExport } from "@/lib/server/export/project-of-export";
import { exportParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * A signed link to a finished export, as the Share-link dialog makes it
 * (decision 0032): its absolute `url` downloads the file without a token
 * until it expires (`days`, default 7, at most 90) or is revoked. The URL is
 * answered this once.
 */
export const POST = defineApiRoute({
  role: "admin",
  params: exportParamsSchema.pick({ exportId: true }),
  body: exportLinkBodySchema,
  project: (params) => projectOfExport(params.exportId),
  notFound: "Unknown export.",
  status: 201,
  summary: "Create a signed download link to a finished export (admins only).",
  response: exportLinkJsonSchema,
  handler: async ({ params, body }, { user, projectId }) =>
    exportLinkJson(
      await createExportLink({ projectId: projectId!, exportId: params.exportId, days: body.days, actorId: user.id }),
    ),
});
