import { runProgressAnswer, runRoute } from "@/lib/api/run-routes";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { controlRun } from "@/lib/server/runs/control-run";

export const dynamic = "force-dynamic";

/** Releases the next round of a gated run waiting for review, as the run page's Release button does. Answers the run's progress. */
export const POST = defineApiRoute({
  ...runRoute,
  role: "admin",
  summary: "Release the next round of a gated run waiting for review (admins only).",
  handler: async ({ params }, { user }) => {
    await controlRun({ runId: params.runId, command: "release", actorId: user.id });
    return runProgressAnswer(params.runId, user);
  },
});
