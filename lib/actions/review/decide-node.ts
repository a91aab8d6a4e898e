"use server";

import { defineAction } from "@/lib/actions/define-action";
import { decideNode } from "@/lib/server/review/decide-node";
import { decideNodeSchema } from "@/lib/validation/review";

export const decideNodeAction = defineAction({
  role: "any",
  schema: decideNodeSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => decideNode({ ...input, reviewer: user }),
});
