"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createExport } from "@/lib/server/export/create-export";
import { startExportSchema } from "@/lib/validation/export";

export const startExportAction = defineAction({
  role: "admin",
  schema: startExportSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const created = await createExport({
      projectId: input.projectId,
      options: input.options,
      actorId: user.id,
      enqueue: true,
    });
    revalidatePath(`/projects/${input.projectId}/export`);
    return created;
  },
});
