import { decisionBodySchema, decisionJson, decisionJsonSchema } from "@/lib/api/decision-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { decideNode } from "@/lib/server/review/decide-node";
import { editNode } from "@/lib/server/review/edit-node";
import { projectOfNode } from "@/lib/server/review/project-of-node";
import { visibleHumanStatus } from "@/lib/server/review/visible-human-status";
import { nodeParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * Accept, reject (reason tags, note) or edit (instruction or answer) a node,
 * as the review page does, for annotators and admins of the node's project:
 * the same services, locks and rules. A decision is never refused because
 * someone else decided meanwhile: both are kept, and `conflict` names theirs
 * (send `seenReviewId`/`seenAt` as the page does, or nothing).
 */
export const POST = defineApiRoute({
  role: "any",
  params: nodeParamsSchema.pick({ nodeId: true }),
  body: decisionBodySchema,
  project: (params) => projectOfNode(params.nodeId),
  notFound: "Unknown node.",
  summary: "Accept, reject or edit a node (as on the review page).",
  response: decisionJsonSchema,
  handler: async ({ params, body }, { user, projectId }) => {
    const target = { projectId: projectId!, nodeId: params.nodeId };
    if (body.decision === "edit") {
      const { changed } = await editNode({ ...target, field: body.field, text: body.text, editorId: user.id });
      const humanStatus = await visibleHumanStatus({ nodeId: params.nodeId, viewer: user });
      return decisionJson({ nodeId: params.nodeId, decision: "edit", humanStatus, changed });
    }
    const decided = await decideNode({ ...body, ...target, reviewer: user });
    return decisionJson({ nodeId: params.nodeId, decision: body.decision, ...decided });
  },
});
