import { defineRoute } from "@/lib/routes/define-route";
import { countNearDuplicatesOnce } from "@/lib/server/export/near-duplicate-counts";
import { nearDuplicateCountFormSchema } from "@/lib/validation/export";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * The export form's near-duplicate count (form field `request`: the selection
 * and threshold as JSON). Counted in a thread, one per admin and project at a
 * time; a newer request, or the browser dropping this one, cancels it
 * (answered 409, to nobody who still waits). Admins only.
 */
export const POST = defineRoute({
  role: "admin",
  params: projectParamsSchema,
  form: nearDuplicateCountFormSchema,
  project: (params) => params.projectId,
  handler: async ({ params, form }, { user, request }) => ({
    nearDuplicates: await countNearDuplicatesOnce({
      userId: user.id,
      projectId: params.projectId,
      selection: form.request.selection,
      threshold: form.request.threshold,
      signal: request.signal,
    }),
  }),
});
