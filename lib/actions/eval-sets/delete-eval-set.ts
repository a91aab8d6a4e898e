"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { deleteEvalSet } from "@/lib/server/eval-sets/delete-eval-set";
import { deleteEvalSetSchema } from "@/lib/validation/eval-sets";

export const deleteEvalSetAction = defineAction({
  role: "admin",
  schema: deleteEvalSetSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const deleted = await deleteEvalSet({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/eval-sets`);
    return deleted;
  },
});
