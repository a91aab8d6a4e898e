"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createExportLink } from "@/lib/server/export/create-export-link";
import { createExportLinkSchema } from "@/lib/validation/export-link";

export const createExportLinkAction = defineAction({
  role: "admin",
  schema: createExportLinkSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const created = await createExportLink({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/export`);
    return created;
  },
});
