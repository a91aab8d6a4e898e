import { defineRoute } from "@/lib/routes/define-route";
import { decideNode } from "@/lib/server/review/decide-node";
import { decisionFormSchema } from "@/lib/validation/review";
import { nodeParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * Accept or reject a node, as decideNodeAction does, for the review bar's
 * "decide and move on": a plain request, so the next node shows while it is
 * on its way (a server action would hold the navigation until it answered).
 */
export const POST = defineRoute({
  role: "any",
  params: nodeParamsSchema,
  form: decisionFormSchema,
  project: (params) => params.projectId,
  handler: async ({ params, form }, { user }) =>
    decideNode({ ...form.decision, projectId: params.projectId, nodeId: params.nodeId, reviewer: user }),
});
