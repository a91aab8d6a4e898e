"use server";

import { defineAction } from "@/lib/actions/define-action";
import { countBulkScope } from "@/lib/server/review/bulk-decide";
import { bulkCountSchema } from "@/lib/validation/review";

export const countBulkScopeAction = defineAction({
  role: "any",
  schema: bulkCountSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => ({ count: await countBulkScope({ ...input, viewerId: user.id }) }),
});
