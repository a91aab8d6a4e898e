"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { startRun } from "@/lib/server/runs/start-run";
import { startRunSchema } from "@/lib/validation/runs";

export const startRunAction = defineAction({
  role: "admin",
  schema: startRunSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const run = await startRun({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}`);
    return run;
  },
});
