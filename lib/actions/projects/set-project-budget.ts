"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setProjectBudget } from "@/lib/server/projects/set-project-budget";
import { projectBudgetSchema } from "@/lib/validation/projects";

export const setProjectBudgetAction = defineAction({
  role: "admin",
  schema: projectBudgetSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await setProjectBudget({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return result;
  },
});
