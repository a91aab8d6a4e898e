"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { startComparison } from "@/lib/server/comparisons/start-comparison";
import { startComparisonSchema } from "@/lib/validation/comparisons";

export const startComparisonAction = defineAction({
  role: "admin",
  schema: startComparisonSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const comparison = await startComparison({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}`);
    return { id: comparison.id, seeds: comparison.seeds };
  },
});
