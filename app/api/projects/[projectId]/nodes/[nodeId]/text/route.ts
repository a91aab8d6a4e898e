import { defineRoute } from "@/lib/routes/define-route";
import { readTextChunk } from "@/lib/server/review/read-text-chunk";
import { textChunkQuerySchema } from "@/lib/validation/review";
import { nodeParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** One chunk of a long text of a node, for the node view's "Show all" (the page carries only the start). */
export const GET = defineRoute({
  role: "any",
  params: nodeParamsSchema,
  query: textChunkQuerySchema,
  project: (params) => params.projectId,
  handler: async ({ params, query }) => readTextChunk({ projectId: params.projectId, nodeId: params.nodeId, ...query }),
});
