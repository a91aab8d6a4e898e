import { runProgressAnswer, runRoute } from "@/lib/api/run-routes";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { retryFailedSteps } from "@/lib/server/runs/retry-failed-steps";

export const dynamic = "force-dynamic";

/**
 * Requeues the steps that failed on a worker (not the LLM's fault), as the
 * run page's "Retry failed steps" button does. Answers the run's progress.
 */
export const POST = defineApiRoute({
  ...runRoute,
  role: "admin",
  summary: "Retry the steps that failed on a worker (admins only).",
  handler: async ({ params }, { user }) => {
    await retryFailedSteps({ runId: params.runId, actorId: user.id });
    return runProgressAnswer(params.runId, user);
  },
});
