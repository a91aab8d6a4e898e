import { runProgressAnswer, runRoute } from "@/lib/api/run-routes";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { controlRun } from "@/lib/server/runs/control-run";

export const dynamic = "force-dynamic";

/** Cancels a run that has not ended, as the run page's Cancel button does: its pending steps are cancelled. Answers the run's progress. */
export const POST = defineApiRoute({
  ...runRoute,
  role: "admin",
  summary: "Cancel a run that has not ended (admins only).",
  handler: async ({ params }, { user }) => {
    await controlRun({ runId: params.runId, command: "cancel", actorId: user.id });
    return runProgressAnswer(params.runId, user);
  },
});
