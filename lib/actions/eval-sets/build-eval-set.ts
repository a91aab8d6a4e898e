"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { buildEvalSet } from "@/lib/server/eval-sets/build-eval-set";
import { buildEvalSetSchema } from "@/lib/validation/eval-sets";

export const buildEvalSetAction = defineAction({
  role: "admin",
  schema: buildEvalSetSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const built = await buildEvalSet({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/eval-sets`);
    return built;
  },
});
