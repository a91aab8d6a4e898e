import { bulkCountBodySchema, bulkCountJsonSchema } from "@/lib/api/decision-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { getReviewLimits } from "@/lib/server/projects/get-review-limits";
import { countBulkScope } from "@/lib/server/review/bulk-decide";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * How many nodes a bulk decision on this scope would decide now, as the
 * review queue's confirmation counts them (for the token's owner: "waiting
 * for me" and blind filters), with the most they may decide at once. A POST
 * (a scope may name 5,000 nodes), so like every POST it needs a write token.
 */
export const POST = defineApiRoute({
  role: "any",
  params: projectParamsSchema,
  body: bulkCountBodySchema,
  project: (params) => params.projectId,
  summary: "Count the nodes a bulk decision would decide (its confirm_count).",
  response: bulkCountJsonSchema,
  handler: async ({ params, body }, { user }) => ({
    count: await countBulkScope({ projectId: params.projectId, scope: body.scope, viewer: user }),
    limit: user.role === "admin" ? null : (await getReviewLimits({ projectId: params.projectId })).annotatorBulkLimit,
  }),
});
