import { defineRoute } from "@/lib/routes/define-route";
import { getRunProgress } from "@/lib/server/runs/get-run-progress";
import { getRunProjectId } from "@/lib/server/runs/get-run-project-id";
import { runParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** Live progress for the run page, polled while the run is active. */
export const GET = defineRoute({
  role: "any",
  params: runParamsSchema,
  project: (params) => getRunProjectId(params),
  handler: async ({ params }, { user }) => getRunProgress({ ...params, viewer: user }),
});
