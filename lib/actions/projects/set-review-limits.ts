"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setReviewLimits } from "@/lib/server/projects/set-review-limits";
import { reviewLimitsSchema } from "@/lib/validation/projects";

export const setReviewLimitsAction = defineAction({
  role: "admin",
  schema: reviewLimitsSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await setReviewLimits({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return result;
  },
});
