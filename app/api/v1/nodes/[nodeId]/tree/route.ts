import { lineageTreeJson, lineageTreeJsonSchema } from "@/lib/api/node-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { getLineageTree } from "@/lib/server/review/get-lineage-tree";
import { hideOthersStatuses } from "@/lib/server/review/hide-others-statuses";
import { locateNode } from "@/lib/server/review/node-project";
import { nodeOnlyParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * The lineage tree of the node's seed, flat (each node after its parent,
 * linked by parent_id), statuses blind as on the tree page.
 */
export const GET = defineApiRoute({
  role: "any",
  params: nodeOnlyParamsSchema,
  project: async (params) => (await locateNode(params.nodeId)).projectId,
  notFound: "Unknown node.",
  summary: "The lineage tree of the node's seed, flat with parent ids.",
  response: lineageTreeJsonSchema,
  handler: async ({ params }, { user }) => {
    const { projectId, rootId } = await locateNode(params.nodeId);
    const tree = await getLineageTree({ projectId, rootId });
    return lineageTreeJson(rootId, await hideOthersStatuses({ items: tree, viewer: user }));
  },
});
