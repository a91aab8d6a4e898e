"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { removeExport } from "@/lib/server/export/remove-export";
import { removeExportSchema } from "@/lib/validation/export";

export const removeExportAction = defineAction({
  role: "admin",
  schema: removeExportSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await removeExport({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/export`);
    return result;
  },
});
