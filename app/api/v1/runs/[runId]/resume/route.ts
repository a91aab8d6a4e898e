import { runProgressAnswer, runRoute } from "@/lib/api/run-routes";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { controlRun } from "@/lib/server/runs/control-run";
import { apiResumeRunSchema } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

/**
 * Resumes a paused run, or one stopped at its spending cap with new caps in
 * the body (`{"maxTokens": …, "maxCostUsd": …}`), as the run page does. Answers the run's progress.
 */
export const POST = defineApiRoute({
  ...runRoute,
  role: "admin",
  body: apiResumeRunSchema,
  summary: "Resume a paused run, or one stopped at its cap with higher caps (admins only).",
  handler: async ({ params, body }, { user }) => {
    await controlRun({ runId: params.runId, command: "resume", actorId: user.id, ...body });
    return runProgressAnswer(params.runId, user);
  },
});
