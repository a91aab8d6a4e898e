"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { revokeExportLink } from "@/lib/server/export/revoke-export-link";
import { revokeExportLinkSchema } from "@/lib/validation/export-link";

export const revokeExportLinkAction = defineAction({
  role: "admin",
  schema: revokeExportLinkSchema,
  project: (input) => input.projectId,
  handler: async (input, { user }) => {
    const result = await revokeExportLink({ ...input, actorId: user.id });
    revalidatePath(`/projects/${input.projectId}/export`);
    return result;
  },
});
