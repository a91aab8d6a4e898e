import { nodeDetailJson, nodeDetailJsonSchema } from "@/lib/api/node-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { NotFoundError } from "@/lib/server/errors";
import { getNodeDetail } from "@/lib/server/review/get-node-detail";
import { locateNode } from "@/lib/server/review/node-project";
import { nodeDetailQuerySchema } from "@/lib/validation/api-nodes";
import { nodeOnlyParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * One node as the node view shows it: texts (long ones clipped), each
 * eliminator rule's verdict, reviews (blind: until the token's owner has
 * decided the node, only their own, and its status reads "unreviewed"),
 * method, LLM calls. An admin may see the others' before deciding with
 * reveal_decisions=1 (the node view's switch; ignored for annotators).
 * Unknown and unreachable nodes answer the same 404.
 */
export const GET = defineApiRoute({
  role: "any",
  params: nodeOnlyParamsSchema,
  query: nodeDetailQuerySchema,
  project: async (params) => (await locateNode(params.nodeId)).projectId,
  notFound: "Unknown node.",
  summary: "One node with its verdicts and reviews (blind as on the node view).",
  response: nodeDetailJsonSchema,
  handler: async ({ params, query }, { user }) => {
    const { projectId } = await locateNode(params.nodeId);
    const node = await getNodeDetail({
      projectId,
      nodeId: params.nodeId,
      viewer: user,
      revealOthers: user.role === "admin" && query.reveal_decisions,
    });
    if (!node) throw new NotFoundError("Unknown node.");
    return nodeDetailJson(node);
  },
});
