"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getRunProjectId } from "@/lib/server/runs/get-run-project-id";
import { retryFailedSteps } from "@/lib/server/runs/retry-failed-steps";
import { retryFailedStepsSchema } from "@/lib/validation/runs";

export const retryFailedStepsAction = defineAction({
  role: "admin",
  schema: retryFailedStepsSchema,
  project: (input) => getRunProjectId({ runId: input.runId }),
  notFound: "Unknown run.",
  handler: async (input, { user }) => {
    const result = await retryFailedSteps({ runId: input.runId, actorId: user.id });
    revalidatePath(`/projects`);
    return result;
  },
});
