import { defineRoute } from "@/lib/routes/define-route";
import { fileResponse } from "@/lib/routes/file-response";
import { startStreamedExport } from "@/lib/server/export/stream-export";
import { streamExportFormSchema } from "@/lib/validation/export";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * "Download now": a form post (field `options`, the export options as JSON)
 * answered with the export itself, streamed from the database as it is
 * encoded; the browser saves it as a download. Admins only. The session
 * cookie is SameSite=Lax, so another site cannot post this form as the admin.
 */
export const POST = defineRoute({
  role: "admin",
  params: projectParamsSchema,
  form: streamExportFormSchema,
  project: (params) => params.projectId,
  handler: async ({ params, form }, { user }) => {
    const started = await startStreamedExport({ projectId: params.projectId, options: form.options, actorId: user.id });
    return fileResponse({
      body: started.body,
      name: started.fileName,
      contentType: started.contentType,
      headers: { "x-export-id": started.exportId },
    });
  },
});
