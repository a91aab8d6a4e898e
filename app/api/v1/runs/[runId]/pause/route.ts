import { runProgressAnswer, runRoute } from "@/lib/api/run-routes";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { controlRun } from "@/lib/server/runs/control-run";

export const dynamic = "force-dynamic";

/** Pauses a running run, as the run page's Pause button does: steps in flight finish, no new one starts. Answers the run's progress. */
export const POST = defineApiRoute({
  ...runRoute,
  role: "admin",
  summary: "Pause a running run (admins only).",
  handler: async ({ params }, { user }) => {
    await controlRun({ runId: params.runId, command: "pause", actorId: user.id });
    return runProgressAnswer(params.runId, user);
  },
});
