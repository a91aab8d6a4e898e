"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setReviewSettings } from "@/lib/server/review/set-review-settings";
import { reviewSettingsSchema } from "@/lib/validation/review";

export const setReviewSettingsAction = defineAction({
  role: "admin",
  schema: reviewSettingsSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await setReviewSettings({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return result;
  },
});
