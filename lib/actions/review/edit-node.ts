"use server";

import { defineAction } from "@/lib/actions/define-action";
import { editNode } from "@/lib/server/review/edit-node";
import { editNodeSchema } from "@/lib/validation/review";

export const editNodeAction = defineAction({
  role: "any",
  schema: editNodeSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => editNode({ ...input, editorId: user.id }),
});
