import { nodeListJson, nodeListJsonSchema } from "@/lib/api/node-json";
import { pageOf, pageSchema } from "@/lib/routes/api-pagination";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { hideOthersStatuses } from "@/lib/server/review/hide-others-statuses";
import { listNodesPage } from "@/lib/server/review/list-nodes-page";
import { nodeListQuerySchema } from "@/lib/validation/api-nodes";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * The project's nodes with every filter of the review queue (evolved nodes
 * only unless seeds=1), in its order: `{ data, next_cursor }`. Blind review as
 * on the review page: an annotator's status filters and statuses are as they
 * see them (a node decided only by others is "unreviewed").
 */
export const GET = defineApiRoute({
  role: "any",
  params: projectParamsSchema,
  query: nodeListQuerySchema,
  project: (params) => params.projectId,
  summary: "The project's nodes, filtered as the review queue is; texts clipped to 4,000 characters.",
  response: pageSchema(nodeListJsonSchema),
  handler: async ({ params, query: { limit, cursor, ...filter } }, { user }) => {
    const rows = await listNodesPage({
      projectId: params.projectId,
      filter,
      viewer: user,
      afterId: cursor?.id ?? null,
      limit: limit + 1,
    });
    const shown = await hideOthersStatuses({ items: rows, viewer: user });
    return pageOf(shown, limit, nodeListJson);
  },
});
