"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { bulkDecide } from "@/lib/server/review/bulk-decide";
import { bulkDecideSchema } from "@/lib/validation/review";

export const bulkDecideAction = defineAction({
  role: "any",
  schema: bulkDecideSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await bulkDecide({ ...input, actor: user });
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return result;
  },
});
