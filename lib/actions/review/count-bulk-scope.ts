"use server";

import { defineAction } from "@/lib/actions/define-action";
import { getReviewLimits } from "@/lib/server/projects/get-review-limits";
import { countBulkScope } from "@/lib/server/review/bulk-decide";
import { bulkCountSchema } from "@/lib/validation/review";

export const countBulkScopeAction = defineAction({
  role: "any",
  schema: bulkCountSchema,
  project: (input) => input.projectId,
  // With the most this user may decide at once (null: no limit, for admins), so the button can say why not.
  handler: async (input, { user }) => ({
    count: await countBulkScope({ ...input, viewer: user }),
    limit: user.role === "admin" ? null : (await getReviewLimits({ projectId: input.projectId })).annotatorBulkLimit,
  }),
});
