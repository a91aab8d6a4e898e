import { runPageProgress, type RunPageProgress } from "@/components/runs/run-page-progress";
import { defineRoute } from "@/lib/routes/define-route";
import { getRunBatches } from "@/lib/server/batch/get-run-batches";
import { getRunProgress } from "@/lib/server/runs/get-run-progress";
import { getRunProjectId } from "@/lib/server/runs/get-run-project-id";
import { runParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** Live progress for the run page (with a batch-mode run's batches), polled while the run is active. */
export const GET = defineRoute({
  role: "any",
  params: runParamsSchema,
  project: (params) => getRunProjectId(params),
  notFound: "Unknown run.",
  handler: async ({ params }, { user }): Promise<RunPageProgress> => {
    const [progress, batches] = await Promise.all([
      getRunProgress({ ...params, viewer: user }),
      getRunBatches({ runId: params.runId }),
    ]);
    return runPageProgress({ progress, batches, viewer: user });
  },
});
