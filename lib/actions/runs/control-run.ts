"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { getRunProjectId } from "@/lib/server/runs/get-run-project-id";
import { controlRun } from "@/lib/server/runs/control-run";
import { controlRunSchema } from "@/lib/validation/runs";

export const controlRunAction = defineAction({
  role: "admin",
  schema: controlRunSchema,
  project: (input) => getRunProjectId({ runId: input.runId }),
  notFound: "Unknown run.",
  handler: async (input, { user }) => {
    const run = await controlRun({ ...input, actorId: user.id });
    revalidatePath(`/projects`);
    return run;
  },
});
