import { z } from "zod";
import { bulkUndoJsonSchema } from "@/lib/api/decision-json";
import { defineApiRoute } from "@/lib/routes/define-api-route";
import { undoBulk } from "@/lib/server/review/bulk-decide";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/**
 * Takes a bulk decision back, as the review queue's Undo does: its decisions
 * stay in the history, revoked, and statuses are recomputed. Its author or
 * an admin; an action already undone is a 409.
 */
export const POST = defineApiRoute({
  role: "any",
  params: projectParamsSchema.extend({ bulkId: z.uuid("Not a bulk action id.") }),
  project: (params) => params.projectId,
  summary: "Undo a bulk decision.",
  response: bulkUndoJsonSchema,
  handler: async ({ params }, { user }) => {
    const { count } = await undoBulk({ projectId: params.projectId, bulkActionId: params.bulkId, actor: user });
    return { bulk_action_id: params.bulkId, count };
  },
});
