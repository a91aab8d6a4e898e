"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { undoBulk } from "@/lib/server/review/bulk-decide";
import { undoBulkSchema } from "@/lib/validation/review";

export const undoBulkAction = defineAction({
  role: "any",
  schema: undoBulkSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await undoBulk({ ...input, actor: user });
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return result;
  },
});
