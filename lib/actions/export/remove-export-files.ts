"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { removeExportFiles } from "@/lib/server/export/remove-export-files";
import { removeExportFilesSchema } from "@/lib/validation/export";

export const removeExportFilesAction = defineAction({
  role: "admin",
  schema: removeExportFilesSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await removeExportFiles({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/export`);
    return result;
  },
});
