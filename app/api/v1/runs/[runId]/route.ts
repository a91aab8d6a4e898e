import { runProgressAnswer, runRoute } from "@/lib/api/run-routes";
import { defineApiRoute } from "@/lib/routes/define-api-route";

export const dynamic = "force-dynamic";

/** A run's progress, as its page shows it: status, rounds, steps, nodes, tokens and cost, caps, stall reasons. */
export const GET = defineApiRoute({
  ...runRoute,
  role: "any",
  summary: "A run's progress: status, rounds, steps, nodes, tokens and cost so far, caps, why it stalled.",
  handler: async ({ params }, { user }) => runProgressAnswer(params.runId, user),
});
