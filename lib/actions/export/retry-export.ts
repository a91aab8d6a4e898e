"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { retryExport } from "@/lib/server/export/retry-export";
import { retryExportSchema } from "@/lib/validation/export";

export const retryExportAction = defineAction({
  role: "admin",
  schema: retryExportSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await retryExport({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/export`);
    return result;
  },
});
