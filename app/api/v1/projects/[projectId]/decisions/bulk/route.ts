import { bulkDecideBodySchema, bulkDecisionJsonSchema } from "@/lib/api/decision-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { routeError } from "@/lib/routes/define-route";
import { bulkDecide, BulkScopeChanged } from "@/lib/server/review/bulk-decide";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * Accept or reject every node of a selection, a filter or a subtree as one
 * undoable action, as the review queue's bulk bar does: `confirm_count` must
 * be the scope's count now (…/bulk/count), else 409 with the current count
 * and nothing decided; an annotator is held to the project's bulk limit.
 */
export const POST = defineApiRoute({
  role: "any",
  params: projectParamsSchema,
  body: bulkDecideBodySchema,
  project: (params) => params.projectId,
  status: 201,
  summary: "Decide every node of a scope at once (confirm_count from …/bulk/count).",
  response: bulkDecisionJsonSchema,
  handler: async ({ params, body }, { user }) => {
    try {
      const done = await bulkDecide({
        projectId: params.projectId,
        actor: user,
        decision: body.decision,
        scope: body.scope,
        expectedCount: body.confirm_count,
      });
      return { bulk_action_id: done.bulkActionId, count: done.count };
    } catch (error) {
      if (!(error instanceof BulkScopeChanged)) throw error;
      return routeError(409, "CONFLICT", error.message, { count: error.count, confirm_count: error.confirmed });
    }
  },
});
